//! The pages' words: English and Simplified Chinese through Project Fluent
//! (`locales/en/desk.ftl`, `locales/zh-CN/desk.ftl`, compiled in). The
//! language is the viewer's setting (the `desk_lang` cookie) or, without
//! one, the best match of `Accept-Language`; English otherwise.
//!
//! The procedure's own words are the stage names of the Chinese pages:
//! 受理, 判定, 调查, 提出方案, 审批, 实施, 总结评价, 回访.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// The cookie holding the viewer's language.
pub const LANGUAGE_COOKIE: &str = "desk_lang";

/// A language of the pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// English.
    English,
    /// Simplified Chinese.
    Chinese,
}

impl Language {
    /// Every language of the pages.
    pub const ALL: [Language; 2] = [Language::English, Language::Chinese];

    /// The language tag: `en`, `zh-CN` (the page's `lang`, the cookie's value).
    pub const fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Chinese => "zh-CN",
        }
    }

    /// The language of a tag (`en-GB` is English; `zh`, `zh-CN`, `zh-Hans`
    /// are Chinese); `None` for the others.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Some(Language::English)
        } else if primary.eq_ignore_ascii_case("zh") {
            Some(Language::Chinese)
        } else {
            None
        }
    }

    /// The viewer's language: the setting if it names one, else the
    /// `Accept-Language` range of highest weight that names one, else English.
    pub fn negotiate(setting: Option<&str>, accept_language: Option<&str>) -> Self {
        if let Some(language) = setting.and_then(Self::from_tag) {
            return language;
        }
        let mut best: Option<(f32, Language)> = None;
        for range in accept_language.unwrap_or("").split(',') {
            let mut parts = range.split(';');
            let Some(language) = parts.next().and_then(Self::from_tag) else {
                continue;
            };
            let weight = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if weight > 0.0 && best.is_none_or(|(w, _)| weight > w) {
                best = Some((weight, language));
            }
        }
        best.map_or(Language::English, |(_, language)| language)
    }

    /// The Fluent source of this language's messages.
    pub const fn source(self) -> &'static str {
        match self {
            Language::English => include_str!("../../locales/en/desk.ftl"),
            Language::Chinese => include_str!("../../locales/zh-CN/desk.ftl"),
        }
    }
}

struct Catalog {
    english: FluentBundle<FluentResource>,
    chinese: FluentBundle<FluentResource>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog {
    english: bundle(Language::English),
    chinese: bundle(Language::Chinese),
});

fn bundle(language: Language) -> FluentBundle<FluentResource> {
    let tag = language
        .tag()
        .parse()
        .unwrap_or(unic_langid::LanguageIdentifier::default());
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    // Isolation marks around arguments would land inside the HTML as
    // invisible characters; the pages' arguments are never right-to-left.
    bundle.set_use_isolating(false);
    // A resource with a syntax error keeps the messages that parsed; the
    // test `every_message_parses_in_both_languages` refuses such a file.
    let resource = FluentResource::try_new(language.source().to_owned())
        .unwrap_or_else(|(resource, _)| resource);
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(?errors, language = language.tag(), "duplicate messages");
    }
    bundle
}

/// The message ids defined in `language`'s file, in file order.
pub fn message_ids(language: Language) -> Vec<String> {
    let resource = FluentResource::try_new(language.source().to_owned())
        .unwrap_or_else(|(resource, _)| resource);
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

/// The syntax errors of `language`'s file, as text (none in a good file).
pub fn syntax_errors(language: Language) -> Vec<String> {
    match FluentResource::try_new(language.source().to_owned()) {
        Ok(_) => Vec::new(),
        Err((_, errors)) => errors.iter().map(ToString::to_string).collect(),
    }
}

/// Words in one language: what a template asks for its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr {
    language: Language,
}

impl Tr {
    /// The words of `language`.
    pub const fn new(language: Language) -> Self {
        Self { language }
    }

    /// The language.
    pub const fn language(&self) -> Language {
        self.language
    }

    /// The language tag, for `<html lang>`.
    pub const fn lang(&self) -> &'static str {
        self.language.tag()
    }

    /// The message `id`; the id itself when it is missing (a test checks
    /// that no id the desk uses is missing in either language).
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The message `id` with one argument.
    pub fn t1(&self, id: &str, name: &str, value: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), value.to_owned());
        self.format(id, Some(&args))
    }

    /// The message `id` with two arguments.
    pub fn t2(&self, id: &str, first: (&str, &str), second: (&str, &str)) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in [first, second] {
            args.set(name.to_owned(), value.to_owned());
        }
        self.format(id, Some(&args))
    }

    /// Whether `id` is a message of this language.
    pub fn has(&self, id: &str) -> bool {
        self.bundle().has_message(id)
    }

    fn bundle(&self) -> &'static FluentBundle<FluentResource> {
        match self.language {
            Language::English => &CATALOG.english,
            Language::Chinese => &CATALOG.chinese,
        }
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = self.bundle();
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(id, language = self.lang(), "missing message");
            return id.to_owned();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_heaviest_known_range() {
        assert_eq!(Language::negotiate(None, Some("zh-CN")), Language::Chinese);
        assert_eq!(
            Language::negotiate(None, Some("fr;q=1, zh;q=0.8, en;q=0.5")),
            Language::Chinese
        );
        assert_eq!(
            Language::negotiate(None, Some("zh;q=0.2, en-GB;q=0.9")),
            Language::English
        );
        assert_eq!(Language::negotiate(None, Some("de")), Language::English);
        assert_eq!(Language::negotiate(None, None), Language::English);
        assert_eq!(
            Language::negotiate(Some("en"), Some("zh-CN")),
            Language::English
        );
        assert_eq!(
            Language::negotiate(Some("xx"), Some("zh-CN")),
            Language::Chinese
        );
    }
}
