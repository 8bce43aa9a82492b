//! libFuzzer target: any bytes as an article map must keep the properties
//! of `mizan::fuzz::check_map_bytes` (no panic, located errors,
//! stable canonical text, nothing printed that a terminal would obey).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(why) = mizan::fuzz::check_map_bytes(data, true) {
        panic!("{why}");
    }
});
