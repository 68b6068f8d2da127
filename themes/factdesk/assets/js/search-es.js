// The Spanish search page's script: search.js with Snowball's Spanish stemmer.
//! @orama/stemmers (Spanish): Apache License 2.0, Copyright 2023 OramaSearch Inc.
import { stemmer } from "./vendor/orama-stemmers-spanish.js";
import { search } from "./search.js";

search(stemmer);
