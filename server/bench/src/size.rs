//! The browser bundle as shipped: every JavaScript, WASM and CSS file of the release
//! build, raw and brotli (what a client that accepts brotli downloads). Which of them a
//! first load actually fetches is measured in chromium (`end2end/bench/`).

use std::path::PathBuf;

fn site_root() -> PathBuf {
    std::env::var("LEPTOS_SITE_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/site"))
}

pub fn report_wasm() {
    let pkg = site_root().join("pkg");
    let Ok(entries) = std::fs::read_dir(&pkg) else {
        println!(
            "Bundle: nothing at {} (run .ci/build first)\n",
            pkg.display()
        );
        return;
    };
    let mut files: Vec<(String, u64, u64)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let shipped = [".wasm", ".js", ".css"].iter().any(|x| name.ends_with(x));
            let raw = e.metadata().ok()?.len();
            // The build's own brotli copy is what the server sends.
            let brotli = std::fs::metadata(pkg.join(format!("{name}.br"))).map_or(raw, |m| m.len());
            shipped.then_some((name, raw, brotli))
        })
        .collect();
    files.sort_by_key(|f| std::cmp::Reverse(f.1));
    let kb = |n: u64| n as f64 / 1024.0;
    let (raw, brotli) = files.iter().fold((0, 0), |(r, b), f| (r + f.1, b + f.2));
    println!("Bundle ({}): {} files", pkg.display(), files.len());
    for (name, r, b) in files.iter().take(5) {
        println!(
            "  {name:<48} {:>8.1} KiB raw {:>8.1} KiB brotli",
            kb(*r),
            kb(*b)
        );
    }
    println!(
        "  all files                                        {:>8.1} KiB raw {:>8.1} KiB brotli\n",
        kb(raw),
        kb(brotli)
    );
}
