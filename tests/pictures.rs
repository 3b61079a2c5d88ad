//! Pictures in body text (`![Alternative text](pictures/plan.png "Caption")`): a PNG, a JPEG
//! and an SVG shown in the PDF as figures a screen reader describes, and in Word with the same
//! descriptions and captions; and every way a picture can be wrong refused at its line.

mod common;

use std::path::Path;

use common::*;

const PHOTO_ALT: &str =
    "Photograph of the site from Main Street: an empty car park with trees behind";
const PLAN_ALT: &str =
    "Plan of the site: the new library in the north-east corner, the car park to the south";
const PHASES_ALT: &str = "Diagram of the three phases of building, from 2026 to 2028";

/// A short paper showing a JPEG, a PNG (four thousand pixels wide, far wider than a page) and,
/// inside a list, an SVG.
const PAPER: &str = r#"kind: short-paper
title: New Library Site
body: |
  The site as it is today:

  ![Photograph of the site from Main Street: an empty car park with trees behind](pictures/site.jpg "Figure 1: The site today")

  The plan agreed with the library service:

  ![Plan of the site: the new library in the north-east corner, the car park to the south](pictures/plan.png "Figure 2: Site plan")

  Building runs in three phases:

  - ![Diagram of the three phases of building, from 2026 to 2028](pictures/phases.svg)
  - Each phase ends with a review by the Cabinet.
"#;

const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="480" height="120" viewBox="0 0 480 120"><rect x="0" y="20" width="150" height="60" fill="#1f5f8b"/><rect x="160" y="20" width="150" height="60" fill="#3c8dbc"/><rect x="320" y="20" width="150" height="60" fill="#77b5d9"/><text x="20" y="110" font-family="Liberation Sans" font-size="16">Phase 1 to 3</text></svg>"##;

/// A PNG of `width` × `height` pixels in two colours.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    let pixels: Vec<u8> = (0..width * height)
        .flat_map(|index| {
            if (index % width) < width / 2 {
                [30, 95, 139]
            } else {
                [230, 230, 230]
            }
        })
        .collect();
    writer.write_image_data(&pixels).unwrap();
    drop(writer);
    bytes
}

/// A JPEG of `width` × `height` pixels.
fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut bytes, image::ImageFormat::Jpeg)
        .unwrap();
    bytes.into_inner()
}

/// A folder holding `paper.yaml` with `text`, and the pictures it shows.
fn paper_with_pictures(text: &str) -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    let pictures = work.path().join("content/pictures");
    std::fs::create_dir_all(&pictures).unwrap();
    std::fs::write(pictures.join("site.jpg"), jpeg(640, 480)).unwrap();
    std::fs::write(pictures.join("plan.png"), png(4000, 1000)).unwrap();
    std::fs::write(pictures.join("phases.svg"), SVG).unwrap();
    std::fs::write(work.path().join("content/paper.yaml"), text).unwrap();
    work
}

/// The words of `text`, one space between each.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The /Alt entries of a PDF's structure tree, decoded.
fn pdf_alt_texts(pdf: &Path) -> Vec<String> {
    let json = pdf_json(pdf, "qpdf");
    let objects = json["qpdf"][1].as_object().unwrap();
    objects
        .values()
        .filter_map(|object| object["value"]["/Alt"].as_str())
        .map(|alt| alt.trim_start_matches("u:").to_string())
        .collect()
}

/// The raster images `pdfimages -list` finds: width and height in pixels, and pixels per inch
/// across and down as placed.
fn pdf_images(pdf: &Path) -> Vec<(u32, u32, u32, u32)> {
    let output = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .skip(2)
        .filter_map(|line| {
            let columns: Vec<&str> = line.split_whitespace().collect();
            // page num type width height color comp bpc enc interp object ID x-ppi y-ppi …
            if columns.get(2) != Some(&"image") {
                return None;
            }
            Some((
                columns[3].parse().ok()?,
                columns[4].parse().ok()?,
                columns[12].parse().ok()?,
                columns[13].parse().ok()?,
            ))
        })
        .collect()
}

#[test]
fn a_png_a_jpeg_and_an_svg_show_in_both_formats_described_and_captioned() {
    let work = paper_with_pictures(PAPER);
    let out = work.path().join("out");
    build_to(&work.path().join("content/paper.yaml"), &out);

    // The PDF: both raster pictures embedded (the SVG is drawn as vectors), the wide plan set
    // no wider than the column, each a Figure with its alternative text, captions as text.
    let pdf = out.join("paper.pdf");
    let images = pdf_images(&pdf);
    assert!(
        images.iter().any(|(w, h, _, _)| (*w, *h) == (640, 480)),
        "{images:?}"
    );
    let (_, _, plan_ppi, _) = images
        .iter()
        .find(|(w, h, _, _)| (*w, *h) == (4000, 1000))
        .unwrap_or_else(|| panic!("{images:?}"));
    // 4,000 pixels across at most 17 cm of column is at least 590 per inch.
    assert!(
        *plan_ppi >= 590,
        "the plan is wider than the column: {plan_ppi} ppi"
    );
    let alts = pdf_alt_texts(&pdf);
    for alt in [PHOTO_ALT, PLAN_ALT, PHASES_ALT] {
        assert!(
            alts.iter().any(|found| found == alt),
            "{alt} not in {alts:?}"
        );
    }
    let structure = readable(&pdf);
    assert_eq!(
        structure.matches("/S /Figure").count(),
        3,
        "one Figure per picture"
    );
    assert!(
        structure.contains("/S /Caption"),
        "captions are tagged as captions"
    );
    assert!(pdf_xmp(&pdf).contains("<pdfuaid:part>1</pdfuaid:part>"));
    let text = words(&pdf_text(&pdf));
    assert!(text.contains("Figure 1: The site today"), "{text}");
    assert!(text.contains("Figure 2: Site plan"), "{text}");
    // The SVG's own text is drawn as text.
    assert!(text.contains("Phase 1 to 3"), "{text}");
    assert!(
        !text.contains("![") && !text.contains("pictures/"),
        "Markdown printed as typed: {text}"
    );

    // Word: three pictures (the JPEG and the SVG made PNG), each with its description, no wider
    // than the text, and the captions in the Caption style.
    let docx = out.join("paper.docx");
    let media: Vec<String> = docx_parts(&docx)
        .into_iter()
        .filter(|part| part.starts_with("word/media/") && !part.ends_with('/'))
        .collect();
    assert_eq!(media.len(), 3, "{media:?}");
    let document = docx_document(&docx);
    for alt in [PHOTO_ALT, PLAN_ALT, PHASES_ALT] {
        assert!(
            document.contains(&format!(r#"descr="{alt}""#)),
            "no description {alt}"
        );
    }
    // A4 less the built-in style's margins of 2.54 cm each side, in EMU (635 a twip).
    let text_width_emu = f64::from(11_906 - 2 * 1_440) * 635.0;
    for extent in document.split("<wp:extent cx=\"").skip(1) {
        let width: f64 = extent[..extent.find('"').unwrap()].parse().unwrap();
        assert!(width > 0.0 && width <= text_width_emu, "{width} EMU wide");
    }
    assert!(
        document.contains(r#"<w:pStyle w:val="Caption" />"#),
        "{document}"
    );
    let paragraphs = docx_paragraphs(&docx).join("\n");
    assert!(
        paragraphs.contains("Figure 1: The site today"),
        "{paragraphs}"
    );
    assert!(paragraphs.contains("Figure 2: Site plan"), "{paragraphs}");
    assert!(!paragraphs.contains("!["), "{paragraphs}");
    let styles = docx_part(&docx, "word/styles.xml");
    assert!(styles.contains(r#"w:styleId="Caption""#), "{styles}");
}

#[test]
fn the_same_pictures_give_the_same_bytes() {
    let first = paper_with_pictures(PAPER);
    let second = paper_with_pictures(PAPER);
    for work in [&first, &second] {
        build_to(
            &work.path().join("content/paper.yaml"),
            &work.path().join("out"),
        );
    }
    for name in ["paper.pdf", "paper.docx"] {
        assert!(
            std::fs::read(first.path().join("out").join(name)).unwrap()
                == std::fs::read(second.path().join("out").join(name)).unwrap(),
            "{name} differs between two builds"
        );
    }
}

/// Build `paper.yaml` holding `body` (with the pictures beside it) and return its messages,
/// checking that it failed with exit code 1, wrote nothing and never panicked.
fn refused(body: &str, prepare: impl FnOnce(&Path)) -> String {
    let text = format!("kind: short-paper\ntitle: Pictures\nbody: |\n  Text.\n\n  {body}\n");
    let work = paper_with_pictures(&text);
    prepare(work.path());
    let out = work.path().join("out");
    let output = papers(&[
        "build",
        work.path().join("content/paper.yaml").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!out.join("paper.pdf").exists(), "{stderr}");
    stderr
}

#[test]
fn every_way_a_picture_can_be_wrong_is_refused_at_its_line() {
    // Each case: the picture's Markdown, the message, and what to put in the folder first.
    type Prepare = Box<dyn FnOnce(&Path)>;
    let cases: Vec<(&str, &str, Prepare)> = vec![
        (
            "![](pictures/plan.png)",
            "this picture has no alternative text",
            Box::new(|_| {}),
        ),
        (
            "![plan.png](pictures/plan.png)",
            "alternative text is only its file name",
            Box::new(|_| {}),
        ),
        (
            "![A plan](pictures/missing.png)",
            "cannot show the picture `pictures/missing.png`: no such file",
            Box::new(|_| {}),
        ),
        (
            "![A plan](../outside.png)",
            "cannot show the picture `../outside.png`: it is outside the content root",
            Box::new(|work| std::fs::write(work.join("outside.png"), png(4, 4)).unwrap()),
        ),
        (
            "![A plan](pictures/fake.png)",
            "cannot show the picture `pictures/fake.png`: it is not a whole PNG file",
            Box::new(|work| {
                std::fs::write(work.join("content/pictures/fake.png"), "not a picture").unwrap()
            }),
        ),
        (
            "![A plan](pictures/photo.png)",
            "its name says PNG but it is a JPEG file",
            Box::new(|work| {
                std::fs::write(work.join("content/pictures/photo.png"), jpeg(8, 8)).unwrap()
            }),
        ),
        (
            "![A plan](pictures/plan.gif)",
            "cannot show the picture `pictures/plan.gif`: it is not a picture",
            Box::new(|work| {
                std::fs::write(work.join("content/pictures/plan.gif"), b"GIF89a").unwrap()
            }),
        ),
        (
            "![A plan](https://example.org/plan.png)",
            "`https://example.org/plan.png` is not a file in the content folder",
            Box::new(|_| {}),
        ),
        (
            "![A plan](/etc/plan.png)",
            "`/etc/plan.png` is an absolute path",
            Box::new(|_| {}),
        ),
        (
            "See ![A plan](pictures/plan.png) here.",
            "a picture must be a paragraph of its own",
            Box::new(|_| {}),
        ),
    ];
    for (body, expected, prepare) in cases {
        let stderr = refused(body, prepare);
        assert!(stderr.contains(expected), "{body}:\n{stderr}");
        // The picture's line: the body starts on line 4, the picture two lines on.
        assert!(
            stderr.contains("paper.yaml:6:"),
            "{body}: not at its line:\n{stderr}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_picture_linked_from_outside_the_content_root_is_refused() {
    let stderr = refused("![A plan](pictures/link.png)", |work| {
        std::fs::write(work.join("secret.png"), png(4, 4)).unwrap();
        std::os::unix::fs::symlink(
            work.join("secret.png"),
            work.join("content/pictures/link.png"),
        )
        .unwrap();
    });
    assert!(
        stderr.contains("it is outside the content root"),
        "{stderr}"
    );
    assert!(stderr.contains("paper.yaml:6:"), "{stderr}");
}

#[test]
fn an_svg_that_shows_another_file_is_refused() {
    let stderr = refused("![A plan](pictures/linking.svg)", |work| {
        std::fs::write(
            work.join("content/pictures/linking.svg"),
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image width="10" height="10" xlink:href="plan.png"/></svg>"#,
        )
        .unwrap();
    });
    assert!(
        stderr.contains("the SVG shows another file, `plan.png`"),
        "{stderr}"
    );
}

#[test]
fn pictures_show_in_minutes_too() {
    let work = paper_with_pictures(PAPER);
    let content = work.path().join("content");
    copy_example_committee(&content);
    std::fs::write(
        content.join("minutes.yaml"),
        format!(
            "kind: minutes
committee: committee.yaml
date: 2026-01-15
first_minute: 1
present:
  chair: Evans
minutes:
  - key: site
    title: New Library Site
    body: |
      Members were shown the plan.

      ![{PLAN_ALT}](pictures/plan.png \"Site plan\")
    resolved: To note the plan.
"
        ),
    )
    .unwrap();
    let out = work.path().join("out");
    build_to(&content.join("minutes.yaml"), &out);
    assert!(pdf_alt_texts(&out.join("minutes.pdf")).contains(&PLAN_ALT.to_string()));
    assert!(words(&pdf_text(&out.join("minutes.pdf"))).contains("Site plan"));
    assert!(docx_document(&out.join("minutes.docx")).contains(&format!(r#"descr="{PLAN_ALT}""#)));
}

#[test]
fn a_tall_picture_is_no_taller_than_two_thirds_of_the_page() {
    let work = paper_with_pictures(
        "kind: short-paper\ntitle: Tall\nbody: |\n  ![A tall strip of the site](pictures/tall.png \"The strip\")\n",
    );
    std::fs::write(
        work.path().join("content/pictures/tall.png"),
        png(100, 8000),
    )
    .unwrap();
    let out = work.path().join("out");
    build_to(&work.path().join("content/paper.yaml"), &out);
    // A4 less the built-in style's top and bottom margins (2.54 and 2.8 cm), two thirds of it.
    let tallest_inches = (29.7 - 2.54 - 2.8) / 2.54 * 2.0 / 3.0;
    let (_, height, _, y_ppi) = pdf_images(&out.join("paper.pdf"))[0];
    assert!(
        f64::from(height) / f64::from(y_ppi) <= tallest_inches + 0.05,
        "{} inches tall in the PDF",
        f64::from(height) / f64::from(y_ppi)
    );
    let document = docx_document(&out.join("paper.docx"));
    let extent = document.split("<wp:extent cx=\"").nth(1).unwrap();
    let cy: f64 = extent
        .split("cy=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        cy / 914_400.0 <= tallest_inches + 0.01,
        "{} inches tall in Word",
        cy / 914_400.0
    );
    assert!(words(&pdf_text(&out.join("paper.pdf"))).contains("The strip"));
}
