//! The integration tests, in one binary: each module builds real sites with the
//! `dossier` binary and inspects what it wrote. One binary instead of one per file
//! keeps the test build to a single link and a fraction of the disk.

mod common;

mod bad_input;
mod boilerplate;
mod briefing_pages;
mod check;
mod data_json;
mod determinism;
mod encodings;
mod errors;
mod extraction;
mod import;
mod incremental;
mod init;
mod injection;
mod keep_going;
mod links;
mod markdown_articles;
mod minified;
mod new_files;
mod paths;
mod properties;
mod publish;
mod seed_entities;
mod seed_themes;
mod serve;
