pub mod analyze;
pub mod config;
pub mod diagnostic;
pub mod fold;
pub mod fs;
pub mod ids;
pub mod load;
pub mod markdown;
mod yaml;
