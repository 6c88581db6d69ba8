//! Size of the browser bundle as shipped: raw, gzip and brotli.

use std::{io::Write, path::PathBuf};

fn site_root() -> PathBuf {
    std::env::var("LEPTOS_SITE_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/site"))
}

pub fn report_wasm() {
    let path = site_root().join("pkg/portal.wasm");
    let Ok(bytes) = std::fs::read(&path) else {
        println!(
            "WASM bundle: not found at {} (run `cargo leptos build --release` first)\n",
            path.display()
        );
        return;
    };
    let gzip = {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&bytes).expect("gzip in memory");
        encoder.finish().expect("gzip in memory").len()
    };
    let brotli = {
        let mut out = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut bytes.as_slice(), &mut out, &params).expect("brotli in memory");
        out.len()
    };
    let kb = |n: usize| n as f64 / 1024.0;
    println!("WASM bundle ({})", path.display());
    println!("  raw     {:>8.1} KiB", kb(bytes.len()));
    println!(
        "  gzip    {:>8.1} KiB  ({:.0}% of raw)",
        kb(gzip),
        100.0 * gzip as f64 / bytes.len() as f64
    );
    println!(
        "  brotli  {:>8.1} KiB  ({:.0}% of raw)\n",
        kb(brotli),
        100.0 * brotli as f64 / bytes.len() as f64
    );
}
