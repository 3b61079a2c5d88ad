//! Charts and structure diagrams, drawn by the caller and placed as titled pictures.

use docx_rs::{AlignmentType, Paragraph, Pic, Run};

use super::text::text_run;
use super::{BodyChild, DocxWriter, Picture, Sink};
use crate::diagnostics::Diagnostic;

/// Pictures are set 16 cm wide.
const PICTURE_WIDTH_CM: u32 = 16;
/// English Metric Units, in which Word sizes pictures, per centimetre.
const EMU_PER_CM: u32 = 360_000;

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
        self.image_alts.push(alt.to_string());
        sink.push(BodyChild::paragraph(
            Paragraph::new()
                .align(AlignmentType::Right)
                .add_run(Run::new().add_image(Pic::new(&png).size(width_emu, height_emu))),
        ));
    }

    /// A drawing rendered by the templates (a chart, a structure): its title as text, then the
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
        self.image_alts.push(alt.to_string());
        sink.push(BodyChild::paragraph(
            Paragraph::new()
                .keep_next(true)
                .add_run(text_run(title).bold()),
        ));
        sink.push(BodyChild::paragraph(Paragraph::new().add_run(
            Run::new().add_image(Pic::new(&png).size(width_emu, height_emu)),
        )));
    }
}
