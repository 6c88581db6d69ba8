use super::*;

#[test]
fn money_reads_as_dollars() {
    assert_eq!(dollars(24_900), "$249.00");
    assert_eq!(dollars(5), "$0.05");
    assert_eq!(dollars(-150), "-$1.50");
    assert_eq!(dollars(123_456_789), "$1,234,567.89");
    assert_eq!(rate_per_minute(20_000), "$0.020");
    assert_eq!(rate_per_minute(16_500), "$0.0165");
    assert_eq!(rate_per_minute(1_000_000), "$1.000");
}

#[test]
fn tiers_round_trip_and_know_the_next_one() {
    for t in TierCode::ALL {
        assert_eq!(TierCode::parse(t.as_str()), Ok(t));
    }
    assert_eq!(TierCode::Starter.next(), Some(TierCode::Professional));
    assert_eq!(TierCode::Enterprise.next(), None);
    assert!(TierCode::parse("gold").is_err());
}
