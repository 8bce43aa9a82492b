//! The integration tests, as one test binary: one link instead of one per
//! file, which is most of `cargo test`'s time on two cores. Each module is a
//! former `tests/<name>.rs`; `cargo test --test it <module>::` runs one.
//! `save_race` stays its own binary: it starts itself as two processes.

mod common;
mod export_fixture;
mod git_support;
mod harden;

mod ahead_ui;
mod arrival_ui;
mod bad_input;
mod cli;
mod cli_cache;
mod cli_compare;
mod cli_debate;
mod cli_search;
mod cli_usage;
mod compare_ui;
mod conflicts_ui;
mod crash_safety;
mod debate_ui;
mod deep_nesting;
mod editing;
mod export_data;
mod export_roundtrip;
mod export_tools;
mod forms;
mod fuzz_maps;
mod git_diff;
mod git_merge;
mod harden_limits;
mod harden_output;
mod harden_paths;
mod harden_recovery;
mod harden_tmux;
mod harden_tui;
mod keys;
mod layout;
mod linked_from_ui;
mod maps_quality;
mod merge_props;
mod new_user;
mod quote_ui;
mod readme;
mod save_protocol;
mod screens;
mod search_relevance;
mod search_ui;
mod text_visual;
mod tmux;
mod tmux_edit;
mod tui_imports;
mod voice_ui;
