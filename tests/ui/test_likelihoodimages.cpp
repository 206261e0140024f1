// The Likelihood lesson's Image bits/dim page, standalone: the job runs on the page's worker with the
// bundled U-Net on real Fashion-MNIST test images (VLB and ODE), the means, the per-image plot, the
// terms bar and the thumbnails fill in with plausible numbers; the running means show while a long
// job runs and Cancel keeps them; the page's lesson-file state round-trips and a bad field is
// refused; a missing data set or model gives a message in the page; the CSV export.

#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/images/imagegrid.h"
#include "ui/lessons/likelihood/imagebpdpage.h"
#include "ui/lessons/likelihood/imagebpdviews.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QGroupBox>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <cmath>

using ds::ui::ImageBpdPage;

namespace {

constexpr int kJobTimeoutMs = 120000;

template <class T>
T* child(QWidget* parent, const char* name) {
  T* w = parent->findChild<T*>(QLatin1String(name));
  EXPECT_NE(w, nullptr) << name;
  return w;
}

class LikelihoodImagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir.isValid());
    context.setPreference(QStringLiteral("cpu"));
    page = std::make_unique<ImageBpdPage>(&context);
    controls = page->controls();
    controls->setParent(page.get());  // the lesson reparents it into its control column
    page->resize(900, 640);
    page->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(page.get()));
    page->setActive(true);
  }

  // A small, fast request: N images, the VLB with K sampled t, the ODE by Heun with a few steps.
  void configure(int images, bool vlb, int sampledT, bool ode, int heunSteps) {
    child<QSpinBox>(controls, "bpdImages")->setValue(images);
    child<QGroupBox>(controls, "bpdVlb")->setChecked(vlb);
    child<QSpinBox>(controls, "bpdSampledT")->setValue(sampledT);
    child<QGroupBox>(controls, "bpdOde")->setChecked(ode);
    auto* solver = child<QComboBox>(controls, "bpdSolver");
    solver->setCurrentIndex(solver->findData(QStringLiteral("heun")));
    child<QSpinBox>(controls, "bpdHeunSteps")->setValue(heunSteps);
  }

  void computeAndWait() {
    QTest::mouseClick(child<QPushButton>(page.get(), "bpdCompute"), Qt::LeftButton);
    ASSERT_TRUE(page->jobTracker()->waitForIdle(kJobTimeoutMs));
  }

  QString status() const { return page->findChild<QLabel*>(QStringLiteral("bpdStatus"))->text(); }

  QTemporaryDir dir;
  ds::ui::ComputeContext context;
  std::unique_ptr<ImageBpdPage> page;
  QWidget* controls = nullptr;
};

TEST_F(LikelihoodImagesTest, ComputesVlbAndOdeBitsPerDimOfTestImagesOnTheWorker) {
  // Heun with 32 steps: coarse but on the right side (8 steps gives negative bits/dim, docs/likelihood.md).
  configure(3, true, 4, true, 32);
  QSignalSpy started(page->jobTracker(), &ds::ui::JobTracker::started);
  QTest::mouseClick(child<QPushButton>(page.get(), "bpdCompute"), Qt::LeftButton);
  EXPECT_TRUE(page->isBusy());  // the click returned at once: the work is on the worker
  EXPECT_EQ(started.count(), 1);
  ASSERT_TRUE(page->jobTracker()->waitForIdle(kJobTimeoutMs));
  ASSERT_NE(page->result(), nullptr) << status().toStdString() << " (is dataset-fashion-mnist installed?)";
  const ds::ui::ImageBpdResult& r = *page->result();
  EXPECT_TRUE(r.complete);
  ASSERT_EQ(r.indices.size(), 3u);
  ASSERT_EQ(r.vlb.done(), 3u);
  ASSERT_EQ(r.ode.done(), 3u);
  // The first three test images of any class: indices 0..2.
  EXPECT_EQ(r.indices, (std::vector<std::int64_t>{0, 1, 2}));
  for (std::size_t i = 0; i < 3; ++i) {
    // The bundled model's figure is ~3 bits/dim (docs/likelihood.md); 8 bits/dim is no model at all.
    EXPECT_TRUE(std::isfinite(r.vlb.bitsPerDim[i]));
    EXPECT_GT(r.vlb.bitsPerDim[i], 0.5) << i;
    EXPECT_LT(r.vlb.bitsPerDim[i], 8.0) << i;
    EXPECT_TRUE(std::isfinite(r.ode.bitsPerDim[i]));
    EXPECT_GT(r.ode.bitsPerDim[i], 0.5) << i;
    EXPECT_LT(r.ode.bitsPerDim[i], 8.0) << i;
    // The terms add up to the estimate, and the prior term is ~0 at the linear schedule's ᾱ_T.
    EXPECT_NEAR(r.vlb.l0[i] + r.vlb.lMid[i] + r.vlb.lT[i], r.vlb.bitsPerDim[i], 1e-9);
    EXPECT_LT(std::abs(r.vlb.lT[i]), 0.01);
    EXPECT_GT(r.vlb.standardError[i], 0.0);
  }
  EXPECT_EQ(r.vlb.evaluations > 0 && r.ode.evaluations > 0, true);

  // The views draw it: a dot per image and method, the stacked VLB terms and the ODE bar, the thumbnails.
  EXPECT_EQ(page->stripPlot()->dots(0)->dataCount(), 3);
  EXPECT_EQ(page->stripPlot()->dots(1)->dataCount(), 3);
  EXPECT_EQ(page->termsPlot()->l0()->dataCount(), 1);
  EXPECT_EQ(page->termsPlot()->lMid()->dataCount(), 1);
  EXPECT_EQ(page->termsPlot()->ode()->dataCount(), 1);
  EXPECT_EQ(page->easiestGrid()->count(), 3);
  EXPECT_EQ(page->hardestGrid()->count(), 3);
  EXPECT_TRUE(page->easiestGrid()->title().contains(QStringLiteral("ODE")));
  const QString summary = page->findChild<QLabel*>(QStringLiteral("bpdSummary"))->text();
  EXPECT_TRUE(summary.contains(QStringLiteral("VLB:"))) << summary.toStdString();
  EXPECT_TRUE(summary.contains(QStringLiteral("ODE:"))) << summary.toStdString();
  EXPECT_TRUE(status().contains(QStringLiteral("Done"))) << status().toStdString();

  // Reproducible: the same settings give the same numbers (the loaded model is reused).
  const auto first = page->result();
  computeAndWait();
  ASSERT_NE(page->result(), first);
  EXPECT_EQ(page->result()->vlb.bitsPerDim, first->vlb.bitsPerDim);
  EXPECT_EQ(page->result()->ode.bitsPerDim, first->ode.bitsPerDim);
  EXPECT_EQ(page->result()->inputs->model, first->inputs->model);
}

TEST_F(LikelihoodImagesTest, AClassFilterChoosesThatClassOnly) {
  configure(3, true, 2, false, 8);
  auto* cls = child<QComboBox>(controls, "bpdClass");
  cls->setCurrentIndex(cls->findData(8));  // bags
  computeAndWait();
  ASSERT_NE(page->result(), nullptr) << status().toStdString();
  EXPECT_EQ(page->result()->labels, (std::vector<int>{8, 8, 8}));
  EXPECT_EQ(page->result()->ode.done(), 0u);
  EXPECT_EQ(page->stripPlot()->dots(1)->dataCount(), 0);
  EXPECT_EQ(page->termsPlot()->ode()->dataCount(), 0);
  EXPECT_TRUE(page->easiestGrid()->title().contains(QStringLiteral("VLB")));
}

TEST_F(LikelihoodImagesTest, ANegativeOdeEstimateIsCalledTheSolversError) {
  // Heun with 8 steps misses most of the divergence near σ = 0: about −3.4 bits/dim for test image 0
  // (docs/likelihood.md), impossible for 8-bit pixels; the page says so.
  configure(1, false, 2, true, 8);
  computeAndWait();
  ASSERT_NE(page->result(), nullptr) << status().toStdString();
  ASSERT_EQ(page->result()->ode.done(), 1u);
  EXPECT_LT(page->result()->ode.bitsPerDim[0], 0.0);
  const QString summary = page->findChild<QLabel*>(QStringLiteral("bpdSummary"))->text();
  EXPECT_TRUE(summary.contains(QStringLiteral("too coarsely"))) << summary.toStdString();
  EXPECT_EQ(page->stripPlot()->dots(0)->dataCount(), 0);  // no VLB asked for
  EXPECT_EQ(page->termsPlot()->l0()->dataCount(), 0);
}

TEST_F(LikelihoodImagesTest, RunningMeansShowWhileItRunsAndCancelKeepsThem) {
  configure(200, true, 20, false, 8);  // 25 batches of 8 images: far longer than the test waits
  QSignalSpy cancelled(page->jobTracker(), &ds::ui::JobTracker::cancelled);
  QTest::mouseClick(child<QPushButton>(page.get(), "bpdCompute"), Qt::LeftButton);
  auto* cancel = child<QPushButton>(page.get(), "bpdCancel");
  EXPECT_TRUE(cancel->isEnabled());
  // Wait for the first finished batch to reach the views while the job still runs.
  QElapsedTimer timer;
  timer.start();
  while (page->isBusy() && (!page->result() || page->result()->vlb.done() == 0) && timer.elapsed() < kJobTimeoutMs)
    QTest::qWait(20);
  ASSERT_TRUE(page->isBusy()) << "the job finished before it could be cancelled";
  ASSERT_NE(page->result(), nullptr);
  EXPECT_FALSE(page->result()->complete);
  EXPECT_GE(page->stripPlot()->dots(0)->dataCount(), 8);
  QTest::mouseClick(cancel, Qt::LeftButton);
  ASSERT_TRUE(page->jobTracker()->waitForIdle(kJobTimeoutMs));
  EXPECT_EQ(cancelled.count(), 1);
  ASSERT_NE(page->result(), nullptr);
  const std::size_t done = page->result()->vlb.done();
  EXPECT_GE(done, 8u);
  EXPECT_LT(done, 200u);
  EXPECT_EQ(done % 8, 0u);  // whole batches
  EXPECT_FALSE(page->result()->complete);
  EXPECT_TRUE(status().contains(QStringLiteral("Cancelled"))) << status().toStdString();
  EXPECT_FALSE(cancel->isEnabled());
  // The finished images export.
  QString error;
  const QString csv = dir.filePath(QStringLiteral("partial.csv"));
  ASSERT_TRUE(page->exportCsv(csv, &error)) << error.toStdString();
}

TEST_F(LikelihoodImagesTest, StateRoundTripsAndABadFieldChangesNothing) {
  configure(7, true, 33, true, 12);
  child<QSpinBox>(controls, "bpdSeed")->setValue(42);
  child<QSpinBox>(controls, "bpdProbes")->setValue(3);
  const QJsonObject saved = page->saveState();
  EXPECT_EQ(saved.value(QStringLiteral("images")).toInt(), 7);
  EXPECT_EQ(saved.value(QStringLiteral("solver")).toString(), QStringLiteral("heun"));

  ImageBpdPage other(&context);
  QString error;
  ASSERT_TRUE(other.applyState(saved, &error)) << error.toStdString();
  EXPECT_EQ(other.saveState(), saved);
  const ds::ui::ImageBpdRequest r = other.request();
  EXPECT_EQ(r.count, 7);
  EXPECT_EQ(r.sampledT, 33);
  EXPECT_TRUE(r.ode);
  EXPECT_EQ(r.solver, ds::OdeSolver::Heun);
  EXPECT_EQ(r.heunSteps, 12);
  EXPECT_EQ(r.probes, 3);
  EXPECT_EQ(r.seed, 42u);

  auto refused = [&](const QString& key, const QJsonValue& value, const QString& named) {
    QJsonObject bad = saved;
    bad.insert(key, value);
    QString message;
    EXPECT_FALSE(other.applyState(bad, &message)) << key.toStdString();
    EXPECT_TRUE(message.contains(named)) << message.toStdString();
    EXPECT_EQ(other.saveState(), saved) << "a refused state changed the page";
  };
  refused(QStringLiteral("images"), 0, QStringLiteral("images"));
  refused(QStringLiteral("images"), 5000, QStringLiteral("images"));
  refused(QStringLiteral("sampledT"), 1, QStringLiteral("sampledT"));
  refused(QStringLiteral("solver"), QStringLiteral("euler"), QStringLiteral("solver"));
  refused(QStringLiteral("tolerance"), 0.005, QStringLiteral("tolerance"));
  refused(QStringLiteral("label"), 10, QStringLiteral("label"));
  refused(QStringLiteral("vlb"), QStringLiteral("yes"), QStringLiteral("vlb"));
  refused(QStringLiteral("unknown"), 1, QStringLiteral("unknown"));
  QJsonObject none = saved;
  none.insert(QStringLiteral("vlb"), false);
  none.insert(QStringLiteral("ode"), false);
  EXPECT_FALSE(other.applyState(none, &error));
  EXPECT_EQ(other.saveState(), saved);
}

TEST_F(LikelihoodImagesTest, AMissingDataSetOrModelIsAMessageInThePage) {
  configure(2, true, 2, false, 8);
  computeAndWait();
  const auto good = page->result();
  ASSERT_NE(good, nullptr) << status().toStdString();

  QSignalSpy failed(page->jobTracker(), &ds::ui::JobTracker::failed);
  page->setDataFolder(dir.filePath(QStringLiteral("no-such-folder")));
  computeAndWait();
  EXPECT_EQ(failed.count(), 1);
  EXPECT_TRUE(status().contains(QStringLiteral("Could not compute"))) << status().toStdString();
  EXPECT_TRUE(status().contains(QStringLiteral("no-such-folder"))) << status().toStdString();
  EXPECT_EQ(page->result(), good) << "a failed job changed the shown result";

  page->setDataFolder(QStringLiteral("fashion-mnist"));
  page->setModelName(dir.filePath(QStringLiteral("missing.unet")));
  computeAndWait();
  EXPECT_EQ(failed.count(), 2);
  EXPECT_TRUE(status().contains(QStringLiteral("missing.unet"))) << status().toStdString();
  EXPECT_EQ(page->result(), good);
}

TEST_F(LikelihoodImagesTest, ExportsOneRowPerImageAndMethod) {
  QString error;
  EXPECT_FALSE(page->exportCsv(dir.filePath(QStringLiteral("empty.csv")), &error));
  EXPECT_FALSE(error.isEmpty());
  EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("empty.csv"))));

  configure(3, true, 2, true, 4);
  computeAndWait();
  ASSERT_NE(page->result(), nullptr) << status().toStdString();
  const QString path = dir.filePath(QStringLiteral("bpd.csv"));
  ASSERT_TRUE(page->exportCsv(path, &error)) << error.toStdString();
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  ASSERT_EQ(lines.size(), 1 + 3 * 2);
  EXPECT_EQ(lines[0], QStringLiteral("image_index,label,method,bits_per_dim"));
  const QStringList first = lines[1].split(QLatin1Char(','));
  ASSERT_EQ(first.size(), 4);
  EXPECT_EQ(first[0], QStringLiteral("0"));
  EXPECT_EQ(first[2], QStringLiteral("vlb"));
  EXPECT_NEAR(first[3].toDouble(), page->result()->vlb.bitsPerDim[0], 1e-6);
  EXPECT_EQ(lines[4].split(QLatin1Char(','))[2], QStringLiteral("ode"));
  // A folder is not a file: refused with a message.
  EXPECT_FALSE(page->exportCsv(dir.path(), &error));
  EXPECT_TRUE(error.contains(dir.path())) << error.toStdString();
}

}  // namespace
