// The progress line's text, for given counts and times (cli/progress.h).
#include "mlsys/cli/progress.h"

#include <gtest/gtest.h>

namespace mlsys::cli {
namespace {

TEST(ProgressLine, CountsRateAndTimeLeftOfAKnownTotal) {
    // 1200 of 10000 in 2 s: 600 papers/s, 8800 left take 14.67 s.
    EXPECT_EQ(progress_line({"indexing", 1200, 10000, 2.0}),
              "indexing 1200/10000 papers  12% [#---------------] 600 papers/s, ETA 0:15");
    EXPECT_EQ(progress_line({"indexing", 32, 32, 0.5}),
              "indexing 32/32 papers 100% [################] 64 papers/s, ETA 0:00");
}

TEST(ProgressLine, NoRateBeforeAnythingIsDone) {
    EXPECT_EQ(progress_line({"indexing", 0, 500, 0.0}), "indexing 0/500 papers   0% [----------------]");
    EXPECT_EQ(progress_line({"indexing", 0, 0, 0.0}), "indexing 0/0 papers 100% [################]");
}

TEST(ProgressLine, AnUnknownTotalShowsCountAndRateOnly) {
    EXPECT_EQ(progress_line({"reading", 3000, std::nullopt, 4.0}), "reading 3000 papers, 750 papers/s");
    EXPECT_EQ(progress_line({"merging 2 shards", 0, std::nullopt, 0.0}), "merging 2 shards");
}

TEST(ProgressLine, AHundredThousandPapersFitIn80Columns) {
    const std::string line = progress_line({"indexing", 12345, 100000, 10.0});
    EXPECT_EQ(line, "indexing 12345/100000 papers  12% [#---------------] 1234 papers/s, ETA 1:11");
    EXPECT_LT(line.size(), 80u);
}

TEST(ClockTime, MinutesAndSecondsThenHours) {
    EXPECT_EQ(clock_time(0), "0:00");
    EXPECT_EQ(clock_time(7.4), "0:07");
    EXPECT_EQ(clock_time(725), "12:05");
    EXPECT_EQ(clock_time(3723), "1:02:03");
}

}  // namespace
}  // namespace mlsys::cli
