# Writes the real anomaly tasks of bench/Bench/Data (the *.csv.gz files) from the UCI copies that Debian's
# r-cran-mlbench 2.1-3 ships, with the outlier-detection literature's usual constructions (the ODDS collection's).
# Run once, by hand: apt-get install r-cran-mlbench; cd bench/Bench/Data; Rscript make_odds_style_sets.R
# Each file: a header line, then one row per sample: the features, then 1 for an anomaly and 0 for a normal row.
library(mlbench)
set.seed(20261130)

write_task <- function(name, features, anomaly) {
  x <- data.frame(lapply(features, function(column) as.numeric(as.character(column))))
  out <- cbind(x, anomaly = as.integer(anomaly))
  connection <- gzfile(paste0(name, ".csv.gz"), "w")
  write.csv(out, connection, row.names = FALSE)
  close(connection)
  cat(sprintf("%s: %d rows, %d features, %d anomalies (%.1f%%)\n", name, nrow(out), ncol(x), sum(anomaly), 100 * mean(anomaly)))
}

# Ionosphere: radar returns; "bad" returns are the anomalies. V2 is constant (0) and dropped.
data(Ionosphere)
write_task("ionosphere", Ionosphere[, setdiff(names(Ionosphere), c("V2", "Class"))], Ionosphere$Class == "bad")

# Glass identification: type 6 (tableware, 9 rows) is the anomaly class.
data(Glass)
write_task("glass", Glass[, names(Glass) != "Type"], Glass$Type == "6")

# Breast Cancer Wisconsin (original): malignant tumours are the anomalies; the Id and the 16 rows with a missing value
# are dropped.
data(BreastCancer)
breast <- na.omit(BreastCancer)
write_task("breastw", breast[, setdiff(names(breast), c("Id", "Class"))], breast$Class == "malignant")

# Statlog (Landsat satellite), "satimage-2": every class but cotton crop is normal; 71 cotton-crop rows, drawn at
# random, are the anomalies.
data(Satellite)
normal <- Satellite[Satellite$classes != "cotton crop", ]
cotton <- Satellite[Satellite$classes == "cotton crop", ]
cotton <- cotton[sample(nrow(cotton), 71), ]
satellite <- rbind(normal, cotton)
write_task("satimage2", satellite[, names(satellite) != "classes"], satellite$classes == "cotton crop")

# Statlog (shuttle): class 1 (Rad.Flow) is normal; classes 2, 3, 5, 6, 7 are the anomalies; class 4 (High) is
# dropped. 5,000 rows drawn at random from the 49,097 keep the benchmark quick; the anomaly share stays about 7%.
data(Shuttle)
shuttle <- Shuttle[Shuttle$Class != "High", ]
shuttle <- shuttle[sample(nrow(shuttle), 5000), ]
write_task("shuttle", shuttle[, names(shuttle) != "Class"], shuttle$Class != "Rad.Flow")

# Statlog (Landsat satellite), "satellite": the three smallest classes (cotton crop, damp grey soil, vegetation
# stubble) are the anomalies; every row is kept.
small <- c("cotton crop", "damp grey soil", "vegetation stubble")
write_task("satellite", Satellite[, names(Satellite) != "classes"], Satellite$classes %in% small)
