//! Structure diagrams, drawn by the caller and placed as titled pictures; the logo; and the
//! pictures authors supplied, with their descriptions and captions.

use docx_rs::{AlignmentType, Paragraph, Pic, Run};

use super::styles::{self, CAPTION};
use super::text::text_run;
use super::{BodyChild, DocxWriter, ImageDescription, Picture, Sink};
use crate::diagnostics::Diagnostic;
use crate::model::PictureFormat;

/// Pictures are set 16 cm wide.
const PICTURE_WIDTH_CM: u32 = 16;
/// English Metric Units, in which Word sizes pictures, per centimetre.
const EMU_PER_CM: u32 = 360_000;
/// English Metric Units per point.
const EMU_PER_POINT: f64 = 12_700.0;
/// An author's picture is no taller than this share of the page's text area, as in the PDF,
/// so that a tall one leaves room for its caption and never runs off the page.
const TALLEST_SHARE_OF_PAGE: f64 = 2.0 / 3.0;

impl DocxWriter<'_> {
    /// The house style's logo, right-aligned at its width, with its text alternative; nothing
    /// when the style has none.
    pub(super) fn logo(&mut self, alt: &str, sink: &mut Sink) {
        let (Some(Picture { png, width, height }), Some(logo)) =
            (self.drawings.logo(), self.style.logo.as_ref())
        else {
            return;
        };
        let width_emu = (logo.width.centimetres() * f64::from(EMU_PER_CM)) as u32;
        let height_emu =
            (f64::from(width_emu) * f64::from(height) / f64::from(width.max(1))) as u32;
        self.image_alts.push(ImageDescription {
            noun: "Chart",
            alt: alt.to_string(),
        });
        sink.push(BodyChild::paragraph(
            Paragraph::new()
                .align(AlignmentType::Right)
                .add_run(Run::new().add_image(Pic::new(&png).size(width_emu, height_emu))),
        ));
    }

    /// A drawing rendered by the templates (a structure): its title as text, then the
    /// picture 16 cm wide with its text alternative. A drawing that failed is reported, not
    /// written.
    pub(super) fn picture(
        &mut self,
        title: &str,
        alt: &str,
        rendered: Result<Picture, Vec<Diagnostic>>,
        sink: &mut Sink,
    ) {
        let Picture { png, width, height } = match rendered {
            Ok(rendered) => rendered,
            Err(problems) => {
                self.problems.extend(problems);
                return;
            }
        };
        let width_emu = PICTURE_WIDTH_CM * EMU_PER_CM;
        let height_emu = (f64::from(width_emu) * f64::from(height) / f64::from(width)) as u32;
        // docx-rs cannot write a picture's description; the package step adds it from here.
        self.image_alts.push(ImageDescription {
            noun: "Chart",
            alt: alt.to_string(),
        });
        sink.push(BodyChild::paragraph(
            Paragraph::new()
                .keep_next(true)
                .add_run(text_run(title).bold()),
        ));
        sink.push(BodyChild::paragraph(Paragraph::new().add_run(
            Run::new().add_image(Pic::new(&png).size(width_emu, height_emu)),
        )));
    }

    /// A picture an author supplied, centred: its natural size, but no wider than the text
    /// (less `indent`) and no taller than two thirds of the page's text area, as in the PDF;
    /// with its text alternative, and its caption under it in the Caption style.
    pub(super) fn supplied_picture(
        &mut self,
        picture: &crate::model::Picture,
        indent: i32,
        sink: &mut Sink,
    ) {
        let twips_to_points = |twips: f64| twips / 20.0;
        // However deep the indent, some width is left (lists nest at most 16 deep).
        let column = twips_to_points(
            styles::text_width(self.style, self.landscape) as f64 - f64::from(indent.max(0)),
        )
        .max(36.0);
        let tallest = twips_to_points(styles::text_height(self.style, self.landscape) as f64)
            * TALLEST_SHARE_OF_PAGE;
        let (natural_width, natural_height) = (
            f64::from(picture.width).max(0.0),
            f64::from(picture.height).max(0.0),
        );
        let mut width = natural_width.min(column);
        if natural_height > 0.0 {
            width = width.min(tallest * natural_width / natural_height);
        }
        // Never enlarged to a minimum: the height follows the width, so neither passes its
        // limit however narrow or tall the picture is.
        let height = if natural_width > 0.0 {
            width * natural_height / natural_width
        } else {
            0.0
        };
        let png = match picture.file.format {
            PictureFormat::Png => picture.file.bytes.to_vec(),
            PictureFormat::Jpeg | PictureFormat::Svg => {
                match self.drawings.picture(&picture.file, width as f32) {
                    Ok(drawn) => drawn.png,
                    Err(problems) => {
                        self.problems.extend(problems);
                        return;
                    }
                }
            }
        };
        // At least one EMU, so that Word draws something of even the thinnest picture.
        let emu = |points: f64| (points * EMU_PER_POINT).round().max(1.0) as u32;
        // The pixel size docx-rs would take for a default size is not used: the size is set.
        let image = Pic::new_with_dimensions(png, 1, 1).size(emu(width), emu(height));
        self.image_alts.push(ImageDescription {
            noun: "Picture",
            alt: picture.alt.clone(),
        });
        let mut paragraph = Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_image(image));
        if indent > 0 {
            paragraph = paragraph.indent(Some(indent), None, None, None);
        }
        if picture.caption.is_some() {
            // A caption stays on the page of its picture.
            paragraph = paragraph.keep_next(true);
        }
        sink.push(BodyChild::paragraph(paragraph));
        if let Some(caption) = &picture.caption {
            self.captioned = true;
            let mut paragraph = Paragraph::new()
                .style(CAPTION)
                .align(AlignmentType::Center)
                .add_run(text_run(caption));
            if indent > 0 {
                paragraph = paragraph.indent(Some(indent), None, None, None);
            }
            sink.push(BodyChild::paragraph(paragraph));
        }
    }
}
