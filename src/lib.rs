//! madoguchi: a LINE chatbot gateway for a city's official account.

pub mod cli;
pub mod config;
pub mod conversation;
pub mod db;
pub mod flow;
pub mod garbage;
pub mod i18n;
pub mod inbox;
pub mod line;
pub mod metrics;
pub mod services;
pub mod startup;
pub mod telemetry;
