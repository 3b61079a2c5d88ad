//! Lowering terms of reference: purpose, numbered objectives, attendance and governance, forward
//! plan, under their standard headings.

use crate::content::terms_of_reference::TermsOfReference;
use crate::diagnostics::Diagnostic;
use crate::diagnostics::SourceFile;
use crate::lower::body_blocks;
use crate::markdown::parse_inlines;
use crate::model::{Block, Document, Inline, Metadata};
use crate::narrative::Narrative;

impl super::Paper for TermsOfReference {
    fn lower(
        &self,
        source: &SourceFile,
        resolve: &mut dyn super::Resolve,
    ) -> Result<Document, Vec<Diagnostic>> {
        let (narrative, _) = super::narrative_with(resolve, source, None)?;
        lower_terms_of_reference(self, source, &narrative)
    }
}

/// Lower terms of reference.
pub fn lower_terms_of_reference(
    terms: &TermsOfReference,
    source: &SourceFile,
    narrative: &Narrative,
) -> Result<Document, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let heading = |text: &str| Block::Heading {
        level: 2,
        number: None,
        content: vec![Inline::text(text)],
    };
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            number: None,
            content: vec![Inline::text(terms.title.clone())],
        },
        heading("Purpose"),
    ];
    for paragraph in &terms.purpose.0 {
        blocks.extend(body_blocks::<()>(
            narrative,
            source,
            paragraph,
            None,
            &mut diagnostics,
        ));
    }
    blocks.push(heading(
        terms
            .objectives_heading
            .as_deref()
            .unwrap_or("Objectives and Terms of Reference"),
    ));
    blocks.push(Block::OrderedList {
        start: 1,
        items: terms
            .objectives
            .iter()
            .map(|objective| {
                vec![Block::Paragraph {
                    content: parse_inlines(objective),
                }]
            })
            .collect(),
    });
    for (title, lines) in [
        (
            "Attendance and Governance",
            &terms.attendance_and_governance,
        ),
        ("Forward Plan", &terms.forward_plan),
    ] {
        if lines.is_empty() {
            continue;
        }
        blocks.push(heading(title));
        for line in lines {
            blocks.push(Block::Paragraph {
                content: parse_inlines(line),
            });
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    Ok(Document {
        metadata: Metadata {
            title: terms.title.to_string(),
            authors: Vec::new(),
            description: None,
            keywords: Vec::new(),
            date: None,
        },
        running_header: None,
        blocks,
    })
}
