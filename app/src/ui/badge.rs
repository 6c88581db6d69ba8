//! A small status label. The tone carries meaning through colour *and* the text itself,
//! so it reads the same to people who don't see the colour.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Neutral,
    Good,
    Warn,
    Bad,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Self::Neutral => "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
            Self::Good => "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
            Self::Warn => "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
            Self::Bad => "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
        }
    }
}

#[component]
pub fn Badge(tone: Tone, #[prop(into)] label: String) -> impl IntoView {
    view! {
        <span class=format!("inline-block rounded px-1.5 py-0.5 text-xs font-medium {}", tone.class())>{label}</span>
    }
}
