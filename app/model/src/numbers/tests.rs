use super::*;

fn local(state: &str) -> SearchForm {
    SearchForm {
        state: state.into(),
        ..Default::default()
    }
}

#[test]
fn a_local_search_needs_a_state_and_well_formed_codes() {
    let err = local("").validate().unwrap_err();
    assert_eq!(err.first("state"), Some("Choose a state."));
    let ok = SearchForm {
        area_code: "303".into(),
        city: " Denver ".into(),
        rate_center: "denver".into(),
        ..local("co")
    }
    .validate()
    .unwrap();
    assert_eq!(
        ok,
        Search::Local {
            state: "CO".into(),
            area_code: Some("303".into()),
            nxx: None,
            rate_center: Some("DENVER".into()),
            city: Some("Denver".into()),
            limit: 20,
        }
    );
    let err = SearchForm {
        area_code: "13".into(),
        nxx: "099".into(),
        limit: "500".into(),
        ..local("ZZ")
    }
    .validate()
    .unwrap_err();
    for field in ["state", "area_code", "nxx", "limit"] {
        assert!(err.first(field).is_some(), "{field}");
    }
}

#[test]
fn toll_free_searches_take_an_optional_vanity_pattern() {
    let form = SearchForm {
        kind: "toll_free".into(),
        pattern: "8xx-our-food".into(),
        limit: "5".into(),
        ..Default::default()
    };
    assert_eq!(
        form.validate().unwrap(),
        Search::TollFree {
            pattern: Some("8XX6873663".into()),
            limit: 5
        }
    );
    let regular = SearchForm {
        kind: "toll_free".into(),
        ..Default::default()
    };
    assert_eq!(
        regular.validate().unwrap(),
        Search::TollFree {
            pattern: None,
            limit: 20
        }
    );
}
