"""The Arabic text layer: normalisation, sentences, tokens with clitic segmentation."""
