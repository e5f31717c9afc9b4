// Our notebooks (test/fixtures/compat): streams, results, display, pandas, matplotlib, errors,
// magics, unicode and stdin, through Jupyter and oprel run, cell by cell.

import { ownSubjects } from "./subjects.js";
import { compareWithJupyter } from "./suite.js";

compareWithJupyter("oprel run gives Jupyter's results on our notebooks", ownSubjects());
