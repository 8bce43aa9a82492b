//! `mizan cache path|clear`: where the cache of parsed maps lives, and
//! emptying it. Deleting the directory by hand is just as good.

use clap::Subcommand;

use mizan::store::cache::Cache;

#[derive(Subcommand, Debug)]
pub enum Action {
    /// Print the cache directory
    Path,
    /// Delete every cached map (they are rebuilt on the next load)
    Clear,
}

pub fn run(action: &Action) -> anyhow::Result<i32> {
    let Some(cache) = Cache::user() else {
        anyhow::bail!("this system has no cache directory, so mizan keeps no cache");
    };
    match action {
        Action::Path => println!("{}", cache.dir().display()),
        Action::Clear => {
            let n = cache.clear()?;
            println!("removed {n} cached maps from {}", cache.dir().display());
        }
    }
    Ok(0)
}
