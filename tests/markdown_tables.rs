//! Pipe tables in any Markdown body: a table in the PDF whose header row is a table header to a
//! screen reader (TH), and a table in Word whose header row repeats on each page; figures to the
//! right, text to the left; nothing a cell says lost.

mod common;

use common::*;

const PAPER: &str = "kind: short-paper
title: Placements at Year End
body: |
  Children in care on 31 March, by placement:

  | Placement | Children | Share |
  |---|---|---|
  | Foster care | 1,167 | 61.7% |
  | Residential | 84 | 4.4% |
  | Placed with parents | 50 | 2.6% |
  | Other <x> & #y | 12 | 0.6% |

  The table counts each child once.
";

#[test]
fn a_pipe_table_is_a_table_with_a_header_in_both_formats() {
    let (_work, out) = build_paper("placements.yaml", PAPER);
    let pdf = out.join("placements.pdf");
    let text = pdf_text_layout(&pdf);
    let lines: Vec<String> = text
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert!(
        lines.contains(&"Placement Children Share".to_string()),
        "{text}"
    );
    assert!(
        lines.contains(&"Foster care 1,167 61.7%".to_string()),
        "{text}"
    );
    // Text that looks like markup prints as typed, in a cell as anywhere.
    assert!(text.contains("Other <x> & #y"), "{text}");
    assert!(text.contains("The table counts each child once."), "{text}");
    // Tagged as a table with header cells.
    let structure = readable(&pdf);
    assert!(
        structure.contains("/S /Table"),
        "no table in the structure tree"
    );
    assert!(
        structure.contains("/S /TH"),
        "no header cells in the structure tree"
    );
    assert!(pdf_xmp(&pdf).contains("<pdfuaid:part>1</pdfuaid:part>"));

    let docx = out.join("placements.docx");
    let document = docx_document(&docx);
    assert!(document.contains("<w:tbl>"), "no table in the Word file");
    assert!(
        document.contains("<w:tblHeader"),
        "the header row does not repeat"
    );
    // The figures sit to the right.
    let foster = document.find(">1,167<").expect("the figure");
    let cell_start = document[..foster].rfind("<w:tc>").unwrap();
    assert!(
        document[cell_start..foster].contains(r#"<w:jc w:val="right" />"#),
        "{}",
        &document[cell_start..foster]
    );
    let paragraphs = docx_paragraphs(&docx).join("\n");
    assert!(paragraphs.contains("Other <x> & #y"), "{paragraphs}");
}
