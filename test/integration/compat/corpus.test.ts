// The nbclient and papermill corpus notebooks, through Jupyter and oprel run, cell by cell.

import { corpusSubjects } from "./subjects.js";
import { compareWithJupyter } from "./suite.js";

compareWithJupyter("oprel run gives Jupyter's results on the corpus", corpusSubjects());
