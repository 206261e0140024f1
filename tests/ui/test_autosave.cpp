// Work survives a crash (issue 13): the Train lesson's drawing and unsaved model and the Inpaint
// lesson's mask are autosaved (by the timer after a change, at once when a job ends), atomically;
// a window that ends without a clean close leaves them for the next one, which offers them back
// (Restore puts them into the lessons, Discard deletes them); a clean close leaves nothing; and
// closing while a model is unsaved asks Save… / Discard / Cancel.

#include "ui/autosave.h"
#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/inpaint/lessoninpaint.h"
#include "ui/lessons/inpaint/maskdocument.h"
#include "ui/lessons/train/lessontrain.h"
#include "ui/lessons/train/traindocument.h"
#include "ui/lessons/train/traindrawing.h"
#include "ui/mainwindow.h"
#include "ui/recovery.h"
#include "ui/widgets/noticebar.h"

#include "core/data/pointset.h"
#include "core/models/checkpoint.h"

#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

#include <sys/resource.h>

#include <csignal>
#include <functional>
#include <memory>

namespace {

using ds::ui::LessonInpaint;
using ds::ui::LessonTrain;
using ds::ui::MainWindow;
using ds::ui::MainWindowOptions;

constexpr int kHour = 3600 * 1000;

bool waitFor(const std::function<bool()>& done, int msecs) {
  QElapsedTimer timer;
  timer.start();
  while (!done()) {
    if (timer.elapsed() > msecs) return false;
    QTest::qWait(10);
  }
  return true;
}

// Every file under `root`, relative to it.
QStringList filesUnder(const QString& root) {
  QStringList out;
  QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
  while (it.hasNext()) out << QDir(root).relativeFilePath(it.next());
  out.sort();
  return out;
}

// The file `name` of `lesson` in any session folder under DATA/autosave (empty when none).
QString autosaved(const QString& data, const QString& lesson, const QString& name) {
  for (const QString& f : filesUnder(QDir(data).filePath(QStringLiteral("autosave"))))
    if (f.endsWith(QLatin1Char('/') + lesson + QLatin1Char('/') + name))
      return QDir(data).filePath(QStringLiteral("autosave/") + f);
  return {};
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Presses the button `buttonName` of the modal dialog `dialogName` when it appears (polled, since
// the dialog runs its own event loop); *seen gets the dialog's text.
void answerWhenShown(QObject* owner, const QString& dialogName, const QString& buttonName, QString* seen = nullptr) {
  auto* timer = new QTimer(owner);
  timer->setInterval(20);
  QObject::connect(timer, &QTimer::timeout, [timer, dialogName, buttonName, seen] {
    QWidget* modal = QApplication::activeModalWidget();
    if (!modal || modal->objectName() != dialogName) return;
    if (seen)
      if (auto* box = qobject_cast<QMessageBox*>(modal)) *seen = box->text();
    if (auto* button = modal->findChild<QPushButton*>(buttonName)) button->click();
    timer->deleteLater();
  });
  timer->start();
}

// Types `path` into the file dialog that appears next and accepts it.
void chooseFileWhenAsked(QObject* owner, const QString& path) {
  auto* timer = new QTimer(owner);
  timer->setInterval(20);
  QObject::connect(timer, &QTimer::timeout, [timer, path] {
    auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
    if (!dialog) return;
    dialog->selectFile(path);
    static_cast<QDialog*>(dialog)->accept();  // QFileDialog::accept, public in QDialog
    timer->deleteLater();
  });
  timer->start();
}

class AutosaveTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(dir.isValid()); }

  std::unique_ptr<MainWindow> makeWindow(int intervalMs) {
    MainWindowOptions o;
    o.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
    o.dataFolder = data();
    o.autosaveIntervalMs = intervalMs;
    o.device = QStringLiteral("cpu");
    o.lessonFactory = [](ds::ui::ComputeContext* context, QWidget* parent) {
      auto* train = new LessonTrain(context, parent);
      train->setErrorDialogsEnabled(false);
      return std::vector<ds::ui::Lesson*>{train, new LessonInpaint(context, parent)};
    };
    auto w = std::make_unique<MainWindow>(o);
    w->resize(1100, 760);
    w->show();
    EXPECT_TRUE(QTest::qWaitForWindowExposed(w.get()));
    return w;
  }
  static LessonTrain* train(const MainWindow& w) { return w.findChild<LessonTrain*>(); }
  static LessonInpaint* inpaint(const MainWindow& w) { return w.findChild<LessonInpaint*>(); }
  static ds::ui::Autosave* autosave(const MainWindow& w) { return w.recovery()->autosave(); }
  static bool settle(const MainWindow& w) { return autosave(w)->waitForWrites(30000); }

  QString data() const { return dir.filePath(QStringLiteral("data")); }

  // Sprays `strokes` dabs of 10 points on the drawing (the spray brush's own entry point).
  static void draw(LessonTrain* lesson, int strokes, double x0 = -1.0) {
    lesson->selectData(ds::ui::TrainDocument::kDrawn);
    for (int i = 0; i < strokes; ++i)
      lesson->document()->drawing()->spray(QPointF(x0 + 0.05 * i, 0.5), 0.3, 10, 1000 + i);
  }
  // A short real training run on the current data: width 16, depth 2, `steps` steps.
  static void trainSmall(LessonTrain* lesson, int steps) {
    ds::ui::TrainDocument* doc = lesson->document();
    doc->setHidden(16);
    doc->setLayers(2);
    doc->setIterations(steps);
    lesson->train();
  }

  QTemporaryDir dir;
};

TEST_F(AutosaveTest, TheTimerWritesTheDrawingAfterAChange) {
  auto w = makeWindow(300);
  LessonTrain* lesson = train(*w);
  ASSERT_TRUE(settle(*w));
  EXPECT_TRUE(autosaved(data(), QStringLiteral("train"), QStringLiteral("drawing.csv")).isEmpty())
      << "nothing drawn, nothing written";
  draw(lesson, 5);
  // Not written in the same breath: the timer does it.
  EXPECT_TRUE(autosaved(data(), QStringLiteral("train"), QStringLiteral("drawing.csv")).isEmpty());
  ASSERT_TRUE(waitFor([&] { return !autosaved(data(), "train", "about.json").isEmpty(); }, 10000));
  ASSERT_TRUE(settle(*w));
  const QString csv = autosaved(data(), QStringLiteral("train"), QStringLiteral("drawing.csv"));
  ASSERT_FALSE(csv.isEmpty());
  const ds::PointSet set = ds::readPointsCsv(csv.toStdString());
  const auto& points = lesson->document()->drawing()->points();
  ASSERT_EQ(set.points.size(0), static_cast<int64_t>(points.size()));
  ASSERT_EQ(set.dim(), 2);
  for (size_t i = 0; i < points.size(); i += 7) {
    EXPECT_FLOAT_EQ(set.points[int64_t(i)][0].item<float>(), float(points[i].x()));
    EXPECT_FLOAT_EQ(set.points[int64_t(i)][1].item<float>(), float(points[i].y()));
  }
  const QJsonObject about =
      QJsonDocument::fromJson(readAll(autosaved(data(), QStringLiteral("train"), QStringLiteral("about.json"))))
          .object();
  EXPECT_EQ(about.value(QStringLiteral("items")).toArray().first().toString(), QStringLiteral("50 drawn points"));

  // Clearing the drawing removes its autosave with the next write.
  lesson->document()->drawing()->clear();
  ASSERT_TRUE(waitFor([&] { return autosaved(data(), "train", "drawing.csv").isEmpty(); }, 10000));
}

TEST_F(AutosaveTest, TheEndOfATrainingRunWritesTheModelAtOnce) {
  auto w = makeWindow(kHour);  // the timer cannot be what writes it
  LessonTrain* lesson = train(*w);
  lesson->selectData(QStringLiteral("moons"));
  trainSmall(lesson, 150);
  ASSERT_TRUE(lesson->jobTracker()->waitForIdle(120000));
  ASSERT_TRUE(waitFor([&] { return !autosaved(data(), "train", "model.ckpt").isEmpty(); }, 30000));
  ASSERT_TRUE(settle(*w));
  const ds::Checkpoint ck = ds::loadCheckpoint(autosaved(data(), "train", "model.ckpt").toStdString());
  EXPECT_EQ(ck.meta.training.steps, lesson->trainingStep());
  EXPECT_EQ(ck.meta.training.steps, 150);
  EXPECT_EQ(ck.meta.data.name, "moons");
  EXPECT_TRUE(lesson->hasUnsavedModel());

  // Saved by the user: the autosaved copy goes at once.
  ASSERT_TRUE(lesson->saveCheckpoint(dir.filePath(QStringLiteral("kept.ckpt"))));
  EXPECT_FALSE(lesson->hasUnsavedModel());
  ASSERT_TRUE(waitFor([&] { return autosaved(data(), "train", "model.ckpt").isEmpty(); }, 10000));
}

TEST_F(AutosaveTest, AWindowThatDidNotCloseIsOfferedBackAndRestoredIntoAFreshOne) {
  std::vector<QPointF> drawn;
  std::vector<float> mask;
  qint64 step = 0;
  {
    auto a = makeWindow(kHour);
    LessonTrain* lesson = train(*a);
    draw(lesson, 4);
    trainSmall(lesson, 120);  // on the drawing
    ASSERT_TRUE(lesson->jobTracker()->waitForIdle(120000));
    inpaint(*a)->maskDocument()->fillRect(QRect(2, 3, 10, 8), 1.0f);
    drawn = lesson->document()->drawing()->points();
    mask = inpaint(*a)->maskDocument()->mask();
    step = lesson->trainingStep();
    autosave(*a)->writeNow();
    ASSERT_TRUE(settle(*a));
    ASSERT_FALSE(autosaved(data(), "inpaint", "mask.png").isEmpty());
    // Destroyed without a close: as far as the files go, the same as a crash.
  }
  const QString oldSession =
      QFileInfo(QFileInfo(autosaved(data(), "train", "about.json")).absolutePath()).absolutePath();
  ASSERT_TRUE(QFileInfo(oldSession).fileName().startsWith(QStringLiteral("session-"))) << oldSession.toStdString();

  auto b = makeWindow(kHour);
  auto* offer = b->findChild<ds::ui::NoticeBar*>(QStringLiteral("restoreOffer"));
  ASSERT_NE(offer, nullptr);
  EXPECT_TRUE(offer->isVisible());
  EXPECT_TRUE(offer->text().contains(QStringLiteral("40 drawn points"))) << offer->text().toStdString();
  EXPECT_TRUE(offer->text().contains(QStringLiteral("a model trained 120 steps, not saved")))
      << offer->text().toStdString();
  EXPECT_TRUE(offer->text().contains(QStringLiteral("a mask over 33 % of the picture"))) << offer->text().toStdString();
  LessonTrain* lesson = train(*b);
  EXPECT_EQ(lesson->document()->drawing()->size(), 0);  // nothing comes back without asking

  QTest::mouseClick(offer->findChild<QPushButton*>(QStringLiteral("restoreButton")), Qt::LeftButton);
  // As written: float32 coordinates (the point-set CSV's precision, which training uses too).
  const std::vector<QPointF>& back = lesson->document()->drawing()->points();
  ASSERT_EQ(back.size(), drawn.size());
  for (size_t i = 0; i < drawn.size(); ++i) {
    ASSERT_EQ(float(back[i].x()), float(drawn[i].x())) << i;
    ASSERT_EQ(float(back[i].y()), float(drawn[i].y())) << i;
  }
  EXPECT_EQ(lesson->document()->dataKey(), ds::ui::TrainDocument::kDrawn);
  EXPECT_EQ(lesson->trainingStep(), step);
  EXPECT_TRUE(lesson->hasUnsavedModel());
  const std::vector<float>& restoredMask = inpaint(*b)->maskDocument()->mask();
  ASSERT_EQ(restoredMask.size(), mask.size());
  for (size_t i = 0; i < mask.size(); ++i) ASSERT_NEAR(restoredMask[i], mask[i], 1.0 / 255) << i;
  EXPECT_TRUE(
      waitFor([&] { return b->findChild<ds::ui::NoticeBar*>(QStringLiteral("restoreOffer")) == nullptr; }, 5000))
      << "the offer stays after Restore";

  // The restored work now lives in this session's folder; the old one is gone.
  ASSERT_TRUE(lesson->jobTracker()->waitForIdle(60000));
  ASSERT_TRUE(waitFor([&] { return !QDir(oldSession).exists(); }, 20000)) << oldSession.toStdString();
  ASSERT_TRUE(settle(*b));
  EXPECT_TRUE(autosaved(data(), "train", "model.ckpt").startsWith(autosave(*b)->sessionFolder()));

  // Closing asks about the restored model; Discard closes and leaves no autosave behind.
  QString asked;
  answerWhenShown(b.get(), QStringLiteral("unsavedWorkPrompt"), QStringLiteral("discardUnsavedButton"), &asked);
  EXPECT_TRUE(b->close());
  EXPECT_TRUE(asked.contains(QStringLiteral("has not been saved"))) << asked.toStdString();
  EXPECT_FALSE(QDir(QDir(data()).filePath(QStringLiteral("autosave"))).exists())
      << filesUnder(data()).join(QLatin1Char(' ')).toStdString();
}

TEST_F(AutosaveTest, DiscardDeletesTheWorkAndItIsNotOfferedAgain) {
  {
    auto a = makeWindow(kHour);
    draw(train(*a), 2);
    autosave(*a)->writeNow();
    ASSERT_TRUE(settle(*a));
  }
  {
    auto b = makeWindow(kHour);
    auto* offer = b->findChild<ds::ui::NoticeBar*>(QStringLiteral("restoreOffer"));
    ASSERT_NE(offer, nullptr);
    QTest::mouseClick(offer->findChild<QPushButton*>(QStringLiteral("discardButton")), Qt::LeftButton);
    EXPECT_EQ(train(*b)->document()->drawing()->size(), 0);
    EXPECT_TRUE(autosaved(data(), "train", "drawing.csv").isEmpty());
  }
  auto c = makeWindow(kHour);
  EXPECT_EQ(c->findChild<ds::ui::NoticeBar*>(QStringLiteral("restoreOffer")), nullptr);
}

TEST_F(AutosaveTest, ACleanCloseLeavesNoAutosaveBehind) {
  {
    auto a = makeWindow(kHour);
    draw(train(*a), 3);
    inpaint(*a)->maskDocument()->invert();
    autosave(*a)->writeNow();
    ASSERT_TRUE(settle(*a));
    ASSERT_FALSE(autosaved(data(), "train", "drawing.csv").isEmpty());
    EXPECT_TRUE(a->close());  // nothing unsaved: no question
  }
  EXPECT_FALSE(QDir(QDir(data()).filePath(QStringLiteral("autosave"))).exists())
      << filesUnder(data()).join(QLatin1Char(' ')).toStdString();
  auto b = makeWindow(kHour);
  EXPECT_EQ(b->findChild<ds::ui::NoticeBar*>(QStringLiteral("restoreOffer")), nullptr);
}

TEST_F(AutosaveTest, ASessionStillRunningIsNotOffered) {
  auto a = makeWindow(kHour);
  draw(train(*a), 2);
  autosave(*a)->writeNow();
  ASSERT_TRUE(settle(*a));
  auto b = makeWindow(kHour);  // a second program while the first runs
  EXPECT_EQ(b->findChild<ds::ui::NoticeBar*>(QStringLiteral("restoreOffer")), nullptr);
  EXPECT_TRUE(autosave(*b)->found().empty());
}

// A write that fails half way (here: the file size limit, EFBIG) leaves the previous autosave
// exactly as it was, no temporary file, and says so in the status bar; the next write succeeds.
TEST_F(AutosaveTest, AFailedWriteLeavesThePreviousFileAndNoPartialOne) {
  auto w = makeWindow(kHour);
  LessonTrain* lesson = train(*w);
  draw(lesson, 3);  // 30 points: about 1 KB
  autosave(*w)->writeNow();
  ASSERT_TRUE(settle(*w));
  const QString csv = autosaved(data(), QStringLiteral("train"), QStringLiteral("drawing.csv"));
  ASSERT_FALSE(csv.isEmpty());
  const QByteArray before = readAll(csv);
  const QStringList filesBefore = filesUnder(data());
  ASSERT_LT(before.size(), 4096);

  draw(lesson, 200, 0.0);  // 2000 more points: far over the limit below
  QString failure;
  QObject::connect(autosave(*w), &ds::ui::Autosave::failed, [&failure](const QString& m) { failure = m; });
  rlimit old{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old), 0);
  const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = old;
  small.rlim_cur = 8192;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  autosave(*w)->writeNow();
  const bool settled = settle(*w);
  setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, oldHandler);
  ASSERT_TRUE(settled);

  EXPECT_FALSE(failure.isEmpty());
  EXPECT_TRUE(failure.contains(QStringLiteral("drawing.csv"))) << failure.toStdString();
  EXPECT_TRUE(w->statusBar()->currentMessage().contains(QStringLiteral("Autosave failed")))
      << w->statusBar()->currentMessage().toStdString();
  EXPECT_EQ(readAll(csv), before);
  EXPECT_EQ(filesUnder(data()), filesBefore) << "a temporary or partial file was left";

  // The work stays marked as changed: the next write (the limit lifted) succeeds.
  autosave(*w)->writeNow();
  ASSERT_TRUE(settle(*w));
  EXPECT_EQ(ds::readPointsCsv(csv.toStdString()).points.size(0), 2030);
}

// ---- The close prompt -------------------------------------------------------------------------

TEST_F(AutosaveTest, ClosingDuringTrainingAsksAndCancelKeepsTheWindowOpen) {
  auto w = makeWindow(kHour);
  LessonTrain* lesson = train(*w);
  lesson->selectData(QStringLiteral("moons"));
  trainSmall(lesson, 200000);
  ASSERT_TRUE(waitFor([&] { return lesson->hasUnsavedModel(); }, 60000)) << "no live model";  // first snapshot
  ASSERT_EQ(lesson->state(), ds::ui::TrainState::Running);

  QString asked;
  answerWhenShown(w.get(), QStringLiteral("unsavedWorkPrompt"), QStringLiteral("cancelCloseButton"), &asked);
  EXPECT_FALSE(w->close());
  EXPECT_TRUE(w->isVisible());
  EXPECT_TRUE(asked.contains(QStringLiteral("is training"))) << asked.toStdString();
  EXPECT_EQ(lesson->state(), ds::ui::TrainState::Running);  // the run goes on

  // Save… then a file: the checkpoint is written as Save checkpoint… writes it, and the window closes.
  const QString path = dir.filePath(QStringLiteral("closing.ckpt"));
  answerWhenShown(w.get(), QStringLiteral("unsavedWorkPrompt"), QStringLiteral("saveUnsavedButton"));
  chooseFileWhenAsked(w.get(), path);
  EXPECT_TRUE(w->close());
  EXPECT_FALSE(w->isVisible());
  const ds::Checkpoint ck = ds::loadCheckpoint(path.toStdString());
  EXPECT_GT(ck.meta.training.steps, 0);
  EXPECT_EQ(ck.meta.data.name, "moons");
  EXPECT_FALSE(QDir(QDir(data()).filePath(QStringLiteral("autosave"))).exists());
}

TEST_F(AutosaveTest, CancellingTheFileDialogKeepsTheWindowOpen) {
  auto w = makeWindow(kHour);
  LessonTrain* lesson = train(*w);
  lesson->selectData(QStringLiteral("moons"));
  trainSmall(lesson, 100);
  ASSERT_TRUE(lesson->jobTracker()->waitForIdle(120000));
  ASSERT_TRUE(lesson->hasUnsavedModel());

  answerWhenShown(w.get(), QStringLiteral("unsavedWorkPrompt"), QStringLiteral("saveUnsavedButton"));
  auto* timer = new QTimer(w.get());
  timer->setInterval(20);
  QObject::connect(timer, &QTimer::timeout, [timer] {
    if (auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget())) {
      dialog->reject();
      timer->deleteLater();
    }
  });
  timer->start();
  EXPECT_FALSE(w->close());
  EXPECT_TRUE(w->isVisible());
  EXPECT_TRUE(lesson->hasUnsavedModel());
}

TEST_F(AutosaveTest, NoQuestionWhenTheModelIsSaved) {
  auto w = makeWindow(kHour);
  LessonTrain* lesson = train(*w);
  lesson->selectData(QStringLiteral("moons"));
  trainSmall(lesson, 100);
  ASSERT_TRUE(lesson->jobTracker()->waitForIdle(120000));
  ASSERT_TRUE(lesson->saveCheckpoint(dir.filePath(QStringLiteral("m.ckpt"))));
  QString asked;
  answerWhenShown(w.get(), QStringLiteral("unsavedWorkPrompt"), QStringLiteral("cancelCloseButton"), &asked);
  EXPECT_TRUE(w->close());
  EXPECT_TRUE(asked.isEmpty()) << asked.toStdString();
}

}  // namespace
