//! Phone numbers: Buy (`/numbers/buy`), the inventory (`/numbers`), one number
//! (`/numbers/{id}`), E911 (`/numbers/e911`) and porting in (`/numbers/ports`).

mod actions;
mod bulk;
mod buy;
mod detail;
mod e911;
mod inventory;
mod ports;

pub use actions::tenant_choices;
pub use buy::BuyNumbersPage;
pub use detail::NumberPage;
pub use e911::E911Page;
pub use inventory::{InventoryPage, e911_badge, status_badge};
pub use ports::{NewPortPage, PortPage, PortsPage};
