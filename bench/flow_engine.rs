//! Benchmark of the flow engine: one engine step (p50/p99) in a multi-step garbage conversation, webhook-to-reply
//! latency through the real server and a mock LINE API, and loading and checking 100 flow files.
//!
//! Run with `cargo bench --bench flow_engine` (add `--profile dev` on a small machine; figures are then upper bounds).

#[path = "../tests/flows/server.rs"]
mod server;

use futures::future::BoxFuture;
use madoguchi::flow::action::{Action, ActionContext, ActionError, ActionOutcome, Actions};
use madoguchi::flow::engine::{self, Input, Progress};
use madoguchi::flow::source::{Origin, SourceFile, flow_files, locale_files};
use madoguchi::flow::{FlowRuntime, Playbook};
use serde_json::{Map, Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A garbage service that always finds the item, as fast as memory allows.
struct InstantCatalog;

fn found() -> Map<String, Value> {
    json!({"result": "found", "item": "乾電池", "category": "有害ごみ", "how": "透明な袋に入れて出してください。", "notes": "端子にテープを貼ってください。", "fee": ""})
        .as_object()
        .unwrap()
        .clone()
}

impl Action for InstantCatalog {
    fn call<'a>(
        &'a self,
        _context: &'a ActionContext,
        _args: &'a Map<String, Value>,
    ) -> BoxFuture<'a, Result<ActionOutcome, ActionError>> {
        Box::pin(async { Ok(ActionOutcome { vars: found(), messages: Vec::new() }) })
    }
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

fn report(what: &str, samples: &mut [Duration]) {
    let p50 = percentile(samples, 0.50);
    let p99 = percentile(samples, 0.99);
    println!("{what}: n={} p50={:.1} µs p99={:.1} µs", samples.len(), p50.as_secs_f64() * 1e6, p99.as_secs_f64() * 1e6);
}

/// One engine step as the runtime makes it: session JSON in, the pure step (with the action's outcome handed back),
/// session JSON out.
fn engine_steps(playbook: &Playbook, rounds: usize) -> Vec<Duration> {
    let inputs = [Input::Text("ごみ".into()), Input::Text("電池".into()), Input::Text("終わる".into())];
    let mut samples = Vec::with_capacity(rounds * inputs.len());
    for round in 0..rounds {
        let mut session: Option<Value> = None;
        for (i, input) in inputs.iter().enumerate() {
            let now = (round * 10 + i) as i64 * 1_000;
            let started = Instant::now();
            let parsed = session.take().and_then(|s| serde_json::from_value(s).ok());
            let mut progress = engine::step(playbook, parsed, "ja", input, now);
            let reply = loop {
                match progress {
                    Progress::Done(reply) => break reply,
                    Progress::Calling(pending) => {
                        progress =
                            engine::resume(playbook, pending, Ok(ActionOutcome { vars: found(), messages: Vec::new() }))
                    }
                }
            };
            session = reply.session.map(|s| serde_json::to_value(s).unwrap());
            samples.push(started.elapsed());
            std::hint::black_box(&reply.messages);
        }
        assert!(session.is_none(), "the conversation should have ended");
    }
    samples
}

/// 100 flows of 12 steps each, every kind of step, with keys the shipped locales have.
fn generated_flows() -> Vec<SourceFile> {
    let mut files = flow_files(&Origin::Embedded).unwrap();
    for n in 0..100 {
        let text = format!(
            r#"# generated flow {n}
triggers:
  postback: [bench={n}]
expiry: 20m
steps:
  - id: intro
    say:
      - text: menu-prompt
  - id: item
    ask:
      kind: text
      var: query
      prompt: garbage-ask-item
      validate:
        - {{ max_length: 40, error: garbage-item-too-long }}
  - id: lookup
    call:
      action: garbage.lookup
      args: {{ query: "{{query}}" }}
      on_error: sorry
  - id: result
    branch:
      - when: {{ var: result, equals: found }}
        goto: found
      - when: {{ var: result, equals: choose }}
        goto: choose
      - goto: none
  - id: choose
    ask:
      kind: choice
      var: picked
      prompt: garbage-choose
      choices_from: candidates
      on_fail: none
  - id: count
    ask:
      kind: number
      var: count
      prompt: menu-prompt
      skip: true
      validate:
        - {{ min: 1, max: 10, error: garbage-item-too-long }}
  - id: day
    ask: {{ kind: date, var: day, prompt: menu-prompt }}
  - id: found
    say:
      - text: garbage-found
      - text: garbage-notes
    goto: confirm
  - id: none
    say:
      - text: garbage-none
    goto: confirm
  - id: confirm
    ask:
      kind: choice
      var: again
      prompt: garbage-another
      choices:
        - {{ label: label-done, value: done-{n}, goto: bye }}
        - {{ label: label-menu, value: menu-{n}, goto: flow:menu }}
  - id: sorry
    say:
      - text: garbage-unavailable
    end: true
  - id: bye
    say:
      - text: garbage-bye
    end: true
"#
        );
        files.push(SourceFile {
            path: format!("flows/generated-{n}.yaml"),
            relative: format!("generated-{n}.yaml"),
            text,
        });
    }
    files
}

fn main() {
    let mut actions = Actions::new();
    actions.register("garbage.lookup", Arc::new(InstantCatalog));
    let names: Vec<String> = actions.names().map(str::to_owned).collect();
    let locales = locale_files(&Origin::Embedded).unwrap();
    let playbook = Playbook::load(&flow_files(&Origin::Embedded).unwrap(), &locales, &names).unwrap();

    engine_steps(&playbook, 200);
    let mut steps = engine_steps(&playbook, 3_000);
    report("engine step (garbage flow: ask, call+resume, end; with session JSON)", &mut steps);

    let files = generated_flows();
    let mut loads = Vec::new();
    for _ in 0..10 {
        let started = Instant::now();
        let loaded = Playbook::load(&files, &locales, &names).unwrap();
        loads.push(started.elapsed());
        assert_eq!(loaded.flows.len(), 108);
    }
    let mut sorted = loads.clone();
    let median = percentile(&mut sorted, 0.5);
    println!(
        "load and check 100 generated flows (+8 shipped, 13 locales): median {:.1} ms over 10",
        median.as_secs_f64() * 1e3
    );

    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(async {
        let flows = FlowRuntime::from_origins(Origin::Embedded, Origin::Embedded, actions).unwrap();
        let counter = server::Counter::start(Arc::new(flows)).await;
        let mut latencies = Vec::new();
        for round in 0..300 {
            let user = format!("Ubench{round}");
            for text in ["menu", "Garbage sorting", "battery", "Done"] {
                let started = Instant::now();
                let reply = counter.say(&user, text).await;
                latencies.push(started.elapsed());
                assert!(!reply.is_empty());
            }
        }
        report("webhook to reply through the mock LINE API (menu, garbage, item, done)", &mut latencies[40..].to_vec());
        counter.stop().await;
    });
}
