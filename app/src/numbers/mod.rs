//! Phone numbers: Buy (`/numbers/buy`) and the inventory (`/numbers`).

mod actions;
mod bulk;
mod buy;
mod detail;
mod e911;
mod inventory;

pub use buy::BuyNumbersPage;
pub use detail::NumberPage;
pub use e911::E911Page;
pub use inventory::{InventoryPage, e911_badge, status_badge};
