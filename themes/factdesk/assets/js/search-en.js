// The English search page's script: search.js with Snowball's English stemmer (Porter2).
//! wink-porter2-stemmer: MIT License, Copyright (C) 2017-19 GRAYPE Systems Private Limited
import porter2 from "./vendor/wink-porter2-stemmer.js";
import { search } from "./search.js";

search(porter2);
