"""Local inference: model files (discovery, verification, trust), chat formatting,
the streaming engine and the reasoning split. The only package that imports llama_cpp."""
