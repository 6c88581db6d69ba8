//! Linker flag for the split browser build (cargo-leptos #679): merged data segments keep
//! every page's strings and tables in the main WASM file even when the page's code moves
//! to its own chunk. Unmerged, the splitter can move each page's data with its code.
//! Measured with and without in `.ci/bench` (see the first-load issue's note).

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-cdylib=--no-merge-data-segments");
    }
}
