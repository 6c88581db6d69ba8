//! The installation's health as people see it: a status card rendered on the server and
//! a live check the browser runs against `/healthz`.

mod live_check;
mod status_card;

pub use live_check::LiveCheck;
pub use status_card::{GetSystemStatus, SystemStatusCard, get_system_status};
