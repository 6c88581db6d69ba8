use super::*;

fn local(state: &str) -> Search {
    narrowed(state, None, None, None)
}

fn narrowed(state: &str, area_code: Option<&str>, nxx: Option<&str>, city: Option<&str>) -> Search {
    Search::Local {
        state: state.into(),
        area_code: area_code.map(str::to_owned),
        nxx: nxx.map(str::to_owned),
        rate_center: None,
        city: city.map(str::to_owned),
        limit: 20,
    }
}

#[test]
fn the_data_covers_every_state_with_real_area_codes() {
    let states: std::collections::HashSet<&str> =
        places().iter().map(|p| p.state.as_str()).collect();
    assert!(states.len() >= 51, "{}", states.len());
    assert!(
        places()
            .iter()
            .any(|p| p.npa == "303" && p.city == "Denver")
    );
    for p in places() {
        assert!(
            PhoneNumber::parse(&format!("{}5550100", p.npa)).is_ok(),
            "{p:?}"
        );
        assert!(!TOLL_FREE_NPAS.contains(&p.npa.as_str()), "{p:?}");
    }
}

#[tokio::test]
async fn a_local_search_is_deterministic_in_the_state_and_filters_by_place() {
    let carrier = EmbeddedCarrier::new();
    let first = carrier.search(&local("CO"), 0, 20).await.unwrap();
    assert_eq!(first.len(), 20);
    assert_eq!(first, carrier.search(&local("CO"), 0, 20).await.unwrap());
    assert!(
        first
            .iter()
            .all(|o| o.place.as_ref().unwrap().state == "CO")
    );
    let next = carrier.search(&local("CO"), 20, 20).await.unwrap();
    assert!(
        next.iter().all(|o| !first.contains(o)),
        "pages do not overlap"
    );

    let denver = narrowed("CO", Some("720"), None, Some("denver"));
    let found = carrier.search(&denver, 0, 10).await.unwrap();
    assert!(!found.is_empty());
    for o in &found {
        assert_eq!(o.number.npa(), "720");
        assert_eq!(o.place.as_ref().unwrap().city, "Denver");
    }
    let nxx = found[0].number.nxx().to_owned();
    let by_nxx = narrowed("CO", Some("720"), Some(&nxx), Some("denver"));
    assert!(
        carrier
            .search(&by_nxx, 0, 5)
            .await
            .unwrap()
            .iter()
            .all(|o| o.number.nxx() == nxx)
    );
    assert!(
        carrier
            .search(&narrowed("CO", Some("212"), None, None), 0, 5)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn vanity_searches_return_only_matching_toll_free_numbers() {
    let carrier = EmbeddedCarrier::new();
    let pattern = model::numbers::vanity_pattern("8XX-OUR-FOOD").unwrap();
    let found = carrier
        .search(
            &Search::TollFree {
                pattern: Some(pattern.clone()),
                limit: 10,
            },
            0,
            10,
        )
        .await
        .unwrap();
    assert!(!found.is_empty());
    for o in &found {
        assert!(o.number.is_toll_free());
        assert!(o.number.e164().ends_with("6873663"), "{}", o.number.e164());
    }
    let regular = carrier
        .search(
            &Search::TollFree {
                pattern: None,
                limit: 10,
            },
            0,
            10,
        )
        .await
        .unwrap();
    assert_eq!(regular.len(), 10);
    assert!(
        regular
            .iter()
            .all(|o| o.number.is_toll_free() && o.kind == NumberKind::TollFree)
    );
}

#[tokio::test]
async fn injected_failures_fail_exactly_that_many_requests() {
    let carrier = EmbeddedCarrier::new();
    let n = PhoneNumber::parse("3035550142").unwrap();
    carrier.fail_next(Operation::Cnam, 2, "CNAM database unavailable");
    assert_eq!(
        carrier.set_cnam(&n, "ACME").await.unwrap_err().0,
        "CNAM database unavailable"
    );
    assert!(carrier.set_cnam(&n, "ACME").await.is_err());
    assert!(carrier.set_cnam(&n, "ACME").await.is_ok());
    assert!(carrier.register_e911(&n, "1 Main St").await.is_ok());
}
