//! Lowering action plans: a table per plan, a row per action, the theme or issue in the first
//! column, and status in words (with colour as a second signal).

use crate::content::action_plan::{ActionPlanDefinition, ActionPlanPaper, Status};
use crate::format;
use crate::lower::body_blocks;
use crate::model::{Block, Cell, Document, Inline, Metadata, Table, TableRow, Tone};
use crate::style::{ActionPlanColumn, HouseStyle};

/// The blocks of one plan: its heading (if any) and its table.
pub fn action_plan_blocks(
    plan: &ActionPlanDefinition,
    heading_level: u8,
    style: &HouseStyle,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    if let Some(title) = &plan.title {
        blocks.push(Block::Heading {
            level: heading_level,
            number: None,
            content: vec![Inline::text(title.clone())],
        });
    }
    let actions = || plan.groups.iter().flat_map(|group| &group.actions);
    // The optional columns are printed only when some action fills them.
    let shown = |key: ActionPlanColumn| match key {
        ActionPlanColumn::Group | ActionPlanColumn::Action => true,
        ActionPlanColumn::Outcome => actions().any(|a| a.outcome.is_some()),
        ActionPlanColumn::Owner => actions().any(|a| a.owner.is_some()),
        ActionPlanColumn::Due => actions().any(|a| a.due.is_some()),
        ActionPlanColumn::Status => actions().any(|a| a.status.is_some()),
    };
    let columns: Vec<_> = style
        .action_plan
        .columns
        .iter()
        .filter(|column| shown(column.key))
        .collect();
    let header = columns
        .iter()
        .map(|column| {
            let own = match column.key {
                ActionPlanColumn::Group => plan.group_label.clone(),
                ActionPlanColumn::Outcome => plan.outcome_label.clone(),
                _ => None,
            };
            let standard = || {
                column
                    .heading
                    .as_ref()
                    .map(|heading| heading.as_str().to_string())
                    .unwrap_or_default()
            };
            Cell::header(own.unwrap_or_else(standard))
        })
        .collect();
    let widths = columns.iter().map(|column| column.width.share()).collect();

    let mut rows = Vec::new();
    for group in &plan.groups {
        for (index, action) in group.actions.iter().enumerate() {
            let cells = columns
                .iter()
                .map(|column| match column.key {
                    ActionPlanColumn::Group => Cell {
                        strong: true,
                        ..Cell::text(if index == 0 {
                            group.title.clone()
                        } else {
                            String::new()
                        })
                    },
                    ActionPlanColumn::Action => Cell::text(action.action.clone()),
                    ActionPlanColumn::Outcome => {
                        Cell::text(action.outcome.clone().unwrap_or_default())
                    }
                    ActionPlanColumn::Owner => Cell::text(action.owner.clone().unwrap_or_default()),
                    ActionPlanColumn::Due => {
                        Cell::text(action.due.map_or_else(String::new, |due| {
                            format::date(due, &style.dates.numeric)
                        }))
                    }
                    ActionPlanColumn::Status => {
                        let mut status = Cell::centred(action.status.map_or("", Status::word));
                        status.tone = action.status.and_then(|status| match status {
                            Status::Complete => Some(Tone::Green),
                            Status::InProgress => Some(Tone::Amber),
                            Status::Overdue => Some(Tone::Red),
                            Status::NotStarted => None,
                        });
                        status
                    }
                })
                .collect();
            rows.push(TableRow::Cells { cells });
        }
    }
    blocks.push(Block::Table(Box::new(Table {
        widths,
        header: vec![header],
        rows,
        font_size: style.action_plan.font_size.points(),
    })));
    blocks
}

impl super::Paper for ActionPlanPaper {
    fn lower(
        &self,
        source: &crate::diagnostics::SourceFile,
        resolve: &mut dyn super::Resolve,
    ) -> Result<Document, Vec<crate::diagnostics::Diagnostic>> {
        let (narrative, _) = super::narrative_with(resolve, source, None)?;
        lower_action_plan_paper(self, source, &narrative, resolve.style())
    }
}

/// An action plan on its own.
pub fn lower_action_plan_paper(
    paper: &ActionPlanPaper,
    source: &crate::diagnostics::SourceFile,
    narrative: &crate::narrative::Narrative,
    style: &HouseStyle,
) -> Result<Document, Vec<crate::diagnostics::Diagnostic>> {
    let mut diagnostics = Vec::new();
    let mut blocks = vec![Block::Heading {
        level: 1,
        number: None,
        content: vec![Inline::text(paper.title.clone())],
    }];
    if let Some(introduction) = &paper.introduction {
        blocks.extend(body_blocks::<()>(
            narrative,
            source,
            introduction,
            None,
            &mut diagnostics,
        ));
    }
    for plan in &paper.plans {
        blocks.extend(action_plan_blocks(plan, 2, style));
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    Ok(Document {
        metadata: Metadata {
            title: paper.title.to_string(),
            authors: Vec::new(),
            description: None,
            keywords: Vec::new(),
            date: None,
        },
        running_header: None,
        blocks,
    })
}
