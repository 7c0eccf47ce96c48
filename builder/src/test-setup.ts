// Builder component tests: Testing Library's async queries (findBy…, waitFor) wait up to 5 s
// instead of 1 s, so a test on a machine busy with other work (CI running every project on 2
// cores) fails only when the screen really never shows what it waits for.
import { configure } from "@testing-library/react";

configure({ asyncUtilTimeout: 5_000 });
