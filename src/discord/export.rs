//! `/export`: everything haven keeps about the invoker's couple that the invoker may see, as
//! an ephemeral JSON file (the format is described in DEVELOPERS.md).

use std::io::Write;

use serenity::all::{CreateInteractionResponse, CreateInteractionResponseMessage};

use super::invocation::Invocation;
use super::respond::{mentions, Handled, Stop};
use crate::copy;
use crate::domain::couple::Couple;

/// `/export`: the invoker's couple, from any channel of the server, as an ephemeral file.
pub async fn command(call: &Invocation<'_>, couple: Option<Couple>) -> Handled {
    let Some(couple) = couple else {
        return Err(Stop::Words(copy::not_paired_export));
    };
    let data = call.svc.export(&couple, call.user).await?;
    let json = serde_json::to_vec_pretty(&data).map_err(|e| Stop::Internal(e.into()))?;
    let (name, bytes) = export_file(json, UPLOAD_LIMIT).map_err(|e| Stop::Internal(e.into()))?;
    call.r
        .respond(CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new()
                .content(copy::export_ready(call.r.lang()))
                .add_file(serenity::all::CreateAttachment::bytes(bytes, name))
                .ephemeral(true)
                .allowed_mentions(mentions(&[])),
        ))
        .await
}

/// Discord's upload limit for a bot's attachment (10 MiB), with room for the request around it.
const UPLOAD_LIMIT: usize = 9 * 1024 * 1024;

/// The export's file: the JSON as it is, or gzip-compressed when it would not fit Discord's
/// upload limit (a few years of long answers), rather than failing.
fn export_file(json: Vec<u8>, limit: usize) -> std::io::Result<(&'static str, Vec<u8>)> {
    if json.len() <= limit {
        return Ok(("haven-export.json", json));
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&json)?;
    Ok(("haven-export.json.gz", gz.finish()?))
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn an_export_over_the_limit_is_compressed_not_refused() {
        let small = br#"{"format":"haven-export/1"}"#.to_vec();
        assert_eq!(
            export_file(small.clone(), 1024).unwrap(),
            ("haven-export.json", small)
        );
        let big: Vec<u8> = serde_json::to_vec(&vec!["an answer written at length"; 5000]).unwrap();
        let (name, bytes) = export_file(big.clone(), 1024).unwrap();
        assert_eq!(name, "haven-export.json.gz");
        assert!(bytes.len() < big.len());
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, big);
    }
}
