//! The decisions a person makes about films: `needledrop link ENTRY FILM`,
//! `needledrop merge FILM FILM`, `needledrop split FILM`, `needledrop alias FILM "Title"`. Each persists and is
//! re-applied when lists are re-ingested or the catalog re-imported.

use crate::context::Context;
use needledrop_model::{EntryId, FilmId};

/// Arguments of `needledrop link`.
#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    /// The entry id (from `needledrop review`).
    pub entry: i64,
    /// The film id (from `needledrop review` or `needledrop catalog search`).
    pub film: i64,
}

/// Arguments of `needledrop merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The film that stays.
    pub into: i64,
    /// The film merged into it (its titles become aliases).
    pub from: i64,
}

/// Arguments of `needledrop split`.
#[derive(Debug, clap::Args)]
pub struct SplitArgs {
    /// The film whose merges to undo.
    pub film: i64,
}

/// Arguments of `needledrop alias`.
#[derive(Debug, clap::Args)]
pub struct AliasArgs {
    /// The film id.
    pub film: i64,
    /// Another title of the film.
    pub title: String,
}

/// Runs `needledrop link`.
pub fn link(args: LinkArgs, ctx: &Context) -> anyhow::Result<()> {
    crate::exit::hint(
        ctx.app()?.link(EntryId(args.entry), FilmId(args.film)),
        "`needledrop review` lists entry ids, `needledrop catalog search` film ids",
    )?;
    println!("Entry {} now means film {}.", args.entry, args.film);
    Ok(())
}

/// Runs `needledrop merge`.
pub fn merge(args: MergeArgs, ctx: &Context) -> anyhow::Result<()> {
    ctx.app()?.merge(FilmId(args.into), FilmId(args.from))?;
    println!("Film {} merged into film {}.", args.from, args.into);
    Ok(())
}

/// Runs `needledrop alias`.
pub fn alias(args: AliasArgs, ctx: &Context) -> anyhow::Result<()> {
    ctx.app()?.alias(FilmId(args.film), &args.title)?;
    println!("Film {} is also called {:?}.", args.film, args.title);
    Ok(())
}

/// Runs `needledrop split`.
pub fn split(args: SplitArgs, ctx: &Context) -> anyhow::Result<()> {
    let split = ctx.app()?.split(FilmId(args.film))?;
    let ids: Vec<String> = split.iter().map(FilmId::to_string).collect();
    println!("Split film(s) {} off film {}.", ids.join(", "), args.film);
    Ok(())
}
