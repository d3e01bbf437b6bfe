//! Reply templates: the model replies of the source guidance built in, the office's own from a
//! folder, rendered with minijinja in strict mode.
//!
//! A template is a text file `NAME.txt`; its first line may be a comment `{# description #}`
//! shown by `mailward templates`. Values come from `[reply.vars]`, from the mail being answered
//! (`recipient_name`, `original_subject`, `received_date`) and from `--var key=value`. A value a
//! template uses but nobody gave is an error that names it, before anything is composed: a reply
//! with an empty `{{ manager_name }}` must never go out. Output is plain text (no escaping).

use crate::{AppError, Result};
use minijinja::{Environment, UndefinedBehavior, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The built-in templates (the source document's model replies), as `(name, text)`.
const BUILT_IN: &[(&str, &str)] = &[
    (
        "end-of-response",
        include_str!("../templates/reply/end-of-response.txt"),
    ),
    (
        "already-answered",
        include_str!("../templates/reply/already-answered.txt"),
    ),
    (
        "refuse-private",
        include_str!("../templates/reply/refuse-private.txt"),
    ),
    (
        "warning-personal",
        include_str!("../templates/reply/warning-personal.txt"),
    ),
];

/// One template as listed by `mailward templates`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct TemplateInfo {
    /// Its name (`--template NAME`).
    pub name: String,
    /// What it is for (its first-line comment).
    pub description: String,
    /// `built-in`, or the file it was read from.
    pub source: String,
    /// The values it uses, sorted.
    pub variables: Vec<String>,
}

/// A template's text split from its description line.
struct Template {
    info: TemplateInfo,
    body: String,
}

/// The built-in templates plus, when `dir` is given, the office's `*.txt` files (an office file
/// replaces the built-in template of the same name).
pub struct Templates {
    templates: BTreeMap<String, Template>,
}

impl Templates {
    /// Loads the built-ins and the office's folder; a file that is not valid template syntax
    /// is an error naming it.
    pub fn load(dir: Option<&Path>) -> Result<Templates> {
        let mut templates = BTreeMap::new();
        for (name, text) in BUILT_IN {
            templates.insert(
                (*name).to_string(),
                Template::parse(name, text, "built-in".into())?,
            );
        }
        if let Some(dir) = dir {
            let entries = std::fs::read_dir(dir).map_err(|source| AppError::Io {
                what: format!("reading the templates folder {}", dir.display()),
                source,
            })?;
            let mut paths: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            paths.sort();
            for path in paths {
                let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
                    continue;
                };
                let text = std::fs::read_to_string(&path).map_err(|source| AppError::Io {
                    what: format!("reading the template {}", path.display()),
                    source,
                })?;
                templates.insert(
                    name.to_string(),
                    Template::parse(name, &text, path.display().to_string())?,
                );
            }
        }
        Ok(Templates { templates })
    }

    /// All templates, by name.
    pub fn list(&self) -> Vec<TemplateInfo> {
        self.templates.values().map(|t| t.info.clone()).collect()
    }

    /// Renders template `name` with `values`. A value the template uses that is not given is an
    /// error naming every missing one.
    pub fn render(&self, name: &str, values: &BTreeMap<String, String>) -> Result<String> {
        let template = self.templates.get(name).ok_or_else(|| {
            let names: Vec<&str> = self.templates.keys().map(String::as_str).collect();
            AppError::Invalid(format!(
                "テンプレート {name:?} はありません / no template {name:?} (there are: {})",
                names.join(", ")
            ))
        })?;
        let missing: Vec<&str> = template
            .info
            .variables
            .iter()
            .filter(|v| !values.contains_key(*v))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            return Err(AppError::Invalid(format!(
                "テンプレート {name} に必要な値がありません: {m} ([reply.vars] か --var {first}=... で指定してください) / template {name} needs values that were not given: {m} (set them in [reply.vars] or with --var {first}=...)",
                m = missing.join(", "),
                first = missing[0]
            )));
        }
        let env = environment();
        let compiled = env
            .template_from_str(&template.body)
            .map_err(|e| AppError::Invalid(format!("template {name}: {e}")))?;
        let context: BTreeMap<String, Value> = values
            .iter()
            .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
            .collect();
        compiled
            .render(Value::from_object(context))
            .map_err(|e| AppError::Invalid(format!("template {name}: {e:#}")))
    }
}

impl Template {
    fn parse(name: &str, text: &str, source: String) -> Result<Template> {
        let text = text.replace("\r\n", "\n");
        let (description, body) = match text.split_once('\n') {
            Some((first, rest))
                if first.trim_start().starts_with("{#") && first.trim_end().ends_with("#}") =>
            {
                let d = first.trim();
                (d[2..d.len() - 2].trim().to_string(), rest.to_string())
            }
            _ => (String::new(), text.clone()),
        };
        let env = environment();
        let compiled = env.template_from_str(&body).map_err(|e| {
            AppError::Invalid(format!(
                "テンプレート {name} ({source}) の書式が誤っています / template {name} ({source}) is not valid: {e:#}"
            ))
        })?;
        let mut variables: Vec<String> = compiled.undeclared_variables(false).into_iter().collect();
        variables.sort();
        Ok(Template {
            info: TemplateInfo {
                name: name.to_string(),
                description,
                source,
                variables,
            },
            body,
        })
    }
}

/// Strict undefined values, text kept as written (trailing newline too), no HTML escaping.
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> BTreeMap<String, String> {
        [
            ("recipient_name", "山田 太郎"),
            ("office_name", "中央区役所"),
            ("department", "区民課"),
            ("manager_title", "課長"),
            ("manager_name", "佐藤 一郎"),
            ("answered_on", "11月20日"),
            ("original_subject", "回答しろ"),
            ("received_date", "2026年11月28日"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    #[test]
    fn built_ins_render_the_model_replies() {
        let t = Templates::load(None).unwrap();
        let names: Vec<String> = t.list().into_iter().map(|i| i.name).collect();
        assert_eq!(
            names,
            [
                "already-answered",
                "end-of-response",
                "refuse-private",
                "warning-personal"
            ]
        );
        let text = t.render("end-of-response", &values()).unwrap();
        assert!(text.starts_with("山田 太郎様\n\n中央区役所 区民課 課長の佐藤 一郎です。"));
        assert!(
            text.contains("11月20日付のメールにて当区としての見解を既にご回答申し上げた通りです。")
        );
        assert!(text.contains("個別の返信は一切いたしかねますので"));
        assert!(text.contains("件名「回答しろ」"));
        assert!(text.ends_with("課長 佐藤 一郎\n"));
        assert!(!text.contains("{#"));
        let text = t.render("refuse-private", &values()).unwrap();
        assert!(text.contains("職員個人の見解をお答えすることはできません"));
        let text = t.render("warning-personal", &values()).unwrap();
        assert!(text.contains("カスタマー・ハラスメントに該当する恐れがございます"));
        for info in t.list() {
            assert!(!info.description.is_empty(), "{}", info.name);
            assert_eq!(info.source, "built-in");
        }
    }

    #[test]
    fn a_missing_value_is_named() {
        let t = Templates::load(None).unwrap();
        let mut v = values();
        v.remove("manager_name");
        v.remove("answered_on");
        let e = t.render("end-of-response", &v).unwrap_err().to_string();
        assert!(e.contains("answered_on, manager_name"), "{e}");
        let e = t.render("nope", &v).unwrap_err().to_string();
        assert!(e.contains("end-of-response"), "{e}");
    }

    #[test]
    fn the_office_can_replace_and_add() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("refuse-private.txt"),
            "{# 差し替え #}\n{{ recipient_name }}様 お断りします。\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("thanks.txt"), "ありがとうございました。\n").unwrap();
        let t = Templates::load(Some(dir.path())).unwrap();
        assert_eq!(t.list().len(), 5);
        assert_eq!(
            t.render("refuse-private", &values()).unwrap(),
            "山田 太郎様 お断りします。\n"
        );
        assert_eq!(
            t.render("thanks", &BTreeMap::new()).unwrap(),
            "ありがとうございました。\n"
        );
        std::fs::write(dir.path().join("broken.txt"), "{{ oops").unwrap();
        let e = Templates::load(Some(dir.path())).err().unwrap().to_string();
        assert!(e.contains("broken"), "{e}");
    }
}
