//! Collects every `stylers::style!` block under `src/` into `style/stylers.css`, which
//! cargo-leptos concatenates with the Tailwind output into the served stylesheet.
//! The file is committed; the test command fails when a build changes it, so the
//! stylesheet in the repository always matches the components.

fn main() {
    println!("cargo:rerun-if-changed=src");
    stylers::build(Some("../style/stylers.css".into()));
}
