//! madoguchi: a LINE chatbot gateway for a city's official account.

pub mod conversation;
pub mod line;
