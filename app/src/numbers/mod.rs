//! Phone numbers: Buy (`/numbers/buy`) and the inventory (`/numbers`).

mod actions;
mod buy;
mod inventory;

pub use buy::BuyNumbersPage;
pub use inventory::{InventoryPage, e911_badge, status_badge};
