//! Polite announcements of pods that came, went or turned ready.

use super::*;

/// Up to this many pods of one kind of news are announced by name; more are counted
/// ("Pods created: 1001"), as nobody can listen to a thousand names.
const NEWS_BY_NAME: usize = 5;

/// What the live region says for one batch of news: each kind in the order it first came,
/// by name when there are few, else as a count.
fn announcement(news: &[News], t: impl Fn(Msg) -> &'static str) -> String {
    let kinds: [(fn(&News) -> Option<&String>, Msg, Msg); 3] = [
        (|n| if let News::PodCreated(p) = n { Some(p) } else { None }, Msg::PodCreatedNews, Msg::PodsCreatedNews),
        (|n| if let News::PodReady(p) = n { Some(p) } else { None }, Msg::PodReadyNews, Msg::PodsReadyNews),
        (|n| if let News::PodDeleted(p) = n { Some(p) } else { None }, Msg::PodDeletedNews, Msg::PodsDeletedNews),
    ];
    let mut order: Vec<(usize, usize)> = kinds
        .iter()
        .enumerate()
        .filter_map(|(k, (pick, ..))| news.iter().position(|n| pick(n).is_some()).map(|first| (first, k)))
        .collect();
    kubesim::sort::natural(&mut order);
    let mut parts = Vec::new();
    for (_, k) in order {
        let (pick, one, many) = kinds[k];
        let names: Vec<&String> = news.iter().filter_map(pick).collect();
        if names.len() > NEWS_BY_NAME {
            parts.push(format!("{}: {}", t(many), names.len()));
        } else {
            parts.extend(names.iter().map(|p| format!("{}: {p}", t(one))));
        }
    }
    parts.join(". ")
}

/// Polite live announcements of pods created, ready and deleted.
#[component]
pub(super) fn Announcer() -> impl IntoView {
    let lang = expect_context::<UiLang>();
    let sim = expect_context::<Sim>();
    let text = move || sim.news.with(|news| announcement(news, |m| lang.t(m)));
    view! {
        <div class="visually-hidden" role="status" aria-live="polite" aria-label=move || lang.t(Msg::LiveRegion)>
            {text}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn en(m: Msg) -> &'static str {
        m.text(Lang::En)
    }

    #[test]
    fn few_pods_are_announced_by_name_in_the_order_their_news_came() {
        let news = vec![News::PodReady("web-0".into()), News::PodCreated("web-1".into()), News::PodReady("x".into())];
        assert_eq!(announcement(&news, en), "Pod ready: web-0. Pod ready: x. Pod created: web-1");
        assert_eq!(announcement(&[], en), "");
    }

    #[test]
    fn many_pods_of_one_kind_are_counted_instead() {
        let mut news: Vec<News> = (0..1001).map(|i| News::PodCreated(format!("agent-{i}"))).collect();
        news.push(News::PodDeleted("old".into()));
        assert_eq!(announcement(&news, en), "Pods created: 1001. Pod deleted: old");
        let es = announcement(&news, |m| m.text(Lang::Es));
        assert_eq!(es, "Pods creados: 1001. Pod eliminado: old");
    }
}
