fn main() {
    let config = dossier::config::load_config(std::path::Path::new(".")).unwrap();
    let content = dossier::load::load_content(&config).unwrap_or_else(|e| {
        for x in e {
            eprintln!("{x}");
        }
        std::process::exit(1)
    });
    for a in &content.articles {
        eprintln!(
            "=== {} | title={:?} author={:?} date={:?} outlet={:?}",
            a.id, a.meta.title, a.meta.author, a.meta.date, a.meta.outlet
        );
        for (i, b) in a.body.blocks.iter().enumerate() {
            eprintln!(
                "  p{} {:?} {}",
                i + 1,
                b.kind,
                &b.text.chars().take(90).collect::<String>()
            );
        }
    }
}
