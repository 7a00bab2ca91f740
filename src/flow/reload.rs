//! Reloading a running server's flows and wording: on any change in their folders (debounced) and on SIGHUP, the
//! files are checked again and swapped in, or refused with the same diagnostics `flows check` prints.

use super::runtime::FlowRuntime;
use super::source::Origin;
use notify::{RecursiveMode, Watcher};
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How long the folders must stay quiet before a change is loaded: editors write files in several steps.
const SETTLE: Duration = Duration::from_millis(300);

impl FlowRuntime {
    /// Reloads and logs the outcome: the diagnostics when refused, so the last good version keeps answering.
    pub fn reload_and_log(&self, why: &str) -> bool {
        match self.reload() {
            Ok(()) => {
                tracing::info!(why, "flows and locales reloaded");
                true
            }
            Err(diagnostics) => {
                for diagnostic in &diagnostics {
                    tracing::error!("{diagnostic}");
                }
                tracing::error!(
                    why,
                    errors = diagnostics.len(),
                    "flows and locales refused; the last good version keeps answering"
                );
                false
            }
        }
    }

    /// Watches the flow and locale folders and SIGHUP until `stop` is cancelled, reloading on each.
    /// Embedded defaults are not watched, but SIGHUP still reloads them (which changes nothing).
    pub fn watch(self: Arc<Self>, stop: CancellationToken) -> tokio::task::JoinHandle<()> {
        let (changed, mut changes) = tokio::sync::mpsc::unbounded_channel::<()>();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if event.is_ok_and(|e| !e.kind.is_access()) {
                let _ = changed.send(());
            }
        });
        let mut watcher = match watcher {
            Ok(watcher) => Some(watcher),
            Err(error) => {
                tracing::warn!(%error, "cannot watch the flow folders; reload with SIGHUP");
                None
            }
        };
        let (flows, locales) = self.origins();
        for origin in [flows, locales] {
            if let (Origin::Folder(folder), Some(watcher)) = (origin, watcher.as_mut())
                && let Err(error) = watcher.watch(folder, RecursiveMode::Recursive)
            {
                tracing::warn!(%error, folder = %folder.display(), "cannot watch a folder; reload with SIGHUP");
            }
        }
        // Listen for SIGHUP before returning, so a signal sent right after `watch` cannot kill the process.
        let mut hangup = hangup_signal();
        tokio::spawn(async move {
            let _watcher = watcher;
            loop {
                tokio::select! {
                    _ = stop.cancelled() => return,
                    Some(()) = changes.recv() => {
                        // Let the burst of writes end before reading.
                        loop {
                            tokio::select! {
                                _ = tokio::time::sleep(SETTLE) => break,
                                Some(()) = changes.recv() => {}
                            }
                        }
                        self.reload_and_log("files changed");
                    }
                    Some(()) = hangup.recv() => {
                        self.reload_and_log("SIGHUP");
                    }
                }
            }
        })
    }
}

/// Each SIGHUP as a message; never one where signals do not exist.
fn hangup_signal() -> tokio::sync::mpsc::Receiver<()> {
    let (sender, receiver) = tokio::sync::mpsc::channel(1);
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::hangup()) {
            Ok(mut hangup) => {
                tokio::spawn(async move {
                    while hangup.recv().await.is_some() {
                        if sender.send(()).await.is_err() {
                            return;
                        }
                    }
                });
            }
            Err(error) => tracing::warn!(%error, "cannot listen for SIGHUP"),
        }
    }
    #[cfg(not(unix))]
    drop(sender);
    receiver
}
