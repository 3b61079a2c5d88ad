//! Lowering a short paper: its title as the one heading, then its body.

use crate::content::short_paper::ShortPaper;
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::model::{Block, Document, Inline, Metadata};

impl super::Paper for ShortPaper {
    fn lower(
        &self,
        source: &SourceFile,
        resolve: &mut dyn super::Resolve,
    ) -> Result<Document, Vec<Diagnostic>> {
        let (narrative, _) = super::narrative_with(resolve, source, self.figures.as_ref())?;
        let mut diagnostics = Vec::new();
        let mut blocks = vec![Block::Heading {
            level: 1,
            number: None,
            content: vec![Inline::text(self.title.clone())],
        }];
        blocks.extend(super::body_blocks(
            &narrative,
            source,
            &self.body.value,
            Some(&self.body),
            &mut diagnostics,
        ));
        if !diagnostics.is_empty() {
            return Err(diagnostics);
        }
        Ok(Document {
            metadata: Metadata {
                title: self.title.to_string(),
                authors: Vec::new(),
                description: None,
                keywords: Vec::new(),
                date: None,
            },
            running_header: None,
            blocks,
        })
    }
}
