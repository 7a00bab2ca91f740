//! madoguchi: a LINE chatbot gateway for a city's official account.
