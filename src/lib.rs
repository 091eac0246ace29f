//! dossier: turns a folder of collected news articles into a cross-linked briefing
//! site. The pipeline is one module per stage, each taking the previous one's output:
//! `config` → `load` → `analyze` → `aggregate` → `render` → `write`; `build` runs it.

pub mod aggregate;
pub mod analyze;
pub mod build;
pub mod cache;
pub mod check;
pub mod config;
pub mod diagnostic;
pub mod fold;
pub mod fs;
pub mod ids;
pub mod import;
pub mod load;
pub mod markdown;
pub mod minify;
pub mod render;
pub mod serve;
pub mod starter;
pub mod text;
pub mod write;
pub mod yaml;
