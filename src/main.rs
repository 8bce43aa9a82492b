//! The `mizan` binary: parses the command line, runs, and maps errors to exit
//! codes (0 clean, 1 findings, 2 usage or I/O errors).
#![forbid(unsafe_code)]

mod cli;

fn main() {
    std::process::exit(cli::run());
}
