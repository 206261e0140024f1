// The Chinese translation and the Language menu (ui/language.h, ui/displaynames.h): with zh_CN the
// menus, every lesson's group titles and buttons, the bundled names and the lecture's captions are
// Chinese; English gets its plural forms; the Language choice is stored and comes back; and
// diffusion-studio --language checks its value. (That no text of the sources is missing or
// unfinished in the .ts is the ctest translations_complete, scripts/check-translations.)

#include "ui/coremessages.h"
#include "ui/displaynames.h"
#include "ui/jobtracker.h"
#include "ui/language.h"
#include "ui/lessonfile.h"
#include "ui/lessons/mixture2d/mixture2ddocument.h"
#include "ui/mainwindow.h"

#include "core/data/idx.h"
#include "core/data/toys.h"
#include "core/gmm.h"
#include "core/models/checkpoint.h"
#include "core/models/registry.h"
#include "core/schedule.h"

#include <QAbstractButton>
#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <memory>

#ifndef DS_STUDIO_EXE
#error "DS_STUDIO_EXE (the path of diffusion-studio) must be defined by the build"
#endif

using ds::ui::Lesson;
using ds::ui::MainWindow;
using ds::ui::MainWindowOptions;

namespace {

bool hasChinese(const QString& text) {
  static const QRegularExpression han(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
  return text.contains(han);
}

// Texts that are the same in both languages: names of methods and formats, symbols, numbers. What
// is left after taking those away must not hold an English word.
bool isNeutral(const QString& text) {
  static const QRegularExpression names(
      QStringLiteral("\\b(DDPM|DDIM|RePaint|CSV|PNG|GIF|MLP|SNR|KS|CUDA|CPU|U-Net|VLB|MSE|SW|L_simple|log|dB|Fashion-"
                     "MNIST|English|ODE|Heun|PC|rtol|atol)\\b"));
  static const QRegularExpression letters(QStringLiteral("[A-Za-z]{2,}"));
  QString rest = text;
  rest.remove(QLatin1Char('&')).remove(names);
  return !rest.contains(letters);
}

std::unique_ptr<MainWindow> makeWindow(const QString& settingsFile = {}) {
  MainWindowOptions o;
  o.settingsFile = settingsFile;
  o.persistSettings = !settingsFile.isEmpty();
  o.device = QStringLiteral("cpu");
  return std::make_unique<MainWindow>(o);
}

QMenu* menuNamed(MainWindow& w, const QString& objectName) {
  for (QAction* a : w.menuBar()->actions())
    if (a->menu() && a->menu()->objectName() == objectName) return a->menu();
  return nullptr;
}

class Chinese : public ::testing::Test {
 protected:
  void SetUp() override {
    QString warning;
    ASSERT_EQ(ds::ui::installTranslators(QStringLiteral("zh_CN"), &warning), QStringLiteral("zh_CN"))
        << warning.toStdString();
    ASSERT_TRUE(warning.isEmpty()) << warning.toStdString();
  }
  void TearDown() override { ds::ui::installTranslators(QStringLiteral("en")); }
};

}  // namespace

TEST_F(Chinese, TheTranslationIsFoundInTheBuildTree) {
  EXPECT_EQ(ds::ui::currentLanguage(), QStringLiteral("zh_CN"));
  EXPECT_EQ(QCoreApplication::translate("ds::ui::MainWindow", "&File"), QStringLiteral("文件(&F)"));
  // Qt's own texts (Debian qt6-translations-l10n), where that package is installed.
  const QDir qtTranslations(QLibraryInfo::path(QLibraryInfo::TranslationsPath));
  if (QFile::exists(qtTranslations.filePath(QStringLiteral("qtbase_zh_CN.qm")))) {
    EXPECT_TRUE(hasChinese(QCoreApplication::translate("QPlatformTheme", "Cancel")));
  }
}

TEST_F(Chinese, MainMenusAndTheirEntriesAreChinese) {
  auto w = makeWindow();
  int menus = 0;
  QStringList english;
  for (QAction* top : w->menuBar()->actions()) {
    if (!top->menu() || !top->isVisible()) continue;
    ++menus;
    if (!hasChinese(top->text())) english << top->text();
    for (QAction* a : top->menu()->actions()) {
      if (a->isSeparator() || a->text().isEmpty()) continue;
      if (!hasChinese(a->text()) && !isNeutral(a->text())) english << top->text() + QStringLiteral(" → ") + a->text();
    }
  }
  EXPECT_GE(menus, 8);  // File, Edit, View, Timeline, Lesson, Lecture, Device, Language, Help
  EXPECT_TRUE(english.isEmpty()) << english.join(QStringLiteral(" | ")).toStdString();
  EXPECT_NE(menuNamed(*w, QStringLiteral("languageMenu")), nullptr);
}

TEST_F(Chinese, EveryLessonShowsChinese) {
  auto w = makeWindow();
  ASSERT_GE(w->lessons().size(), 6u);
  for (Lesson* lesson : w->lessons()) {
    SCOPED_TRACE(lesson->id().toStdString());
    EXPECT_TRUE(hasChinese(lesson->title())) << lesson->title().toStdString();
    QStringList english;
    const QList<QGroupBox*> groups = lesson->findChildren<QGroupBox*>();
    EXPECT_FALSE(groups.isEmpty());
    for (QGroupBox* g : groups)
      if (!g->title().isEmpty() && !hasChinese(g->title())) english << g->title();
    for (QAbstractButton* b : lesson->findChildren<QAbstractButton*>())
      if (!b->text().isEmpty() && !hasChinese(b->text()) && !isNeutral(b->text())) english << b->text();
    for (QLabel* l : lesson->findChildren<QLabel*>())
      if (!l->text().isEmpty() && !hasChinese(l->text()) && !isNeutral(l->text()) && !l->text().startsWith('<'))
        english << l->text();
    EXPECT_TRUE(english.isEmpty()) << english.join(QStringLiteral(" | ")).toStdString();
  }
}

TEST_F(Chinese, BundledNamesPresetsAndLectureCaptionsAreTranslated) {
  QStringList untranslated;
  const auto check = [&untranslated](const QString& english, const QString& shown) {
    if (shown == english || !hasChinese(shown)) untranslated << english;
  };
  for (const std::string& name : ds::scheduleKindNames())
    check(QString::fromStdString(name), ds::ui::displayName(name));
  for (const ds::ToyInfo& toy : ds::toyRegistry()) {
    check(QString::fromStdString(toy.title), ds::ui::displayName(toy.title));
    check(QString::fromStdString(toy.description), ds::ui::displayName(toy.description));
  }
  QFile presets(QStringLiteral(":/presets/mixtures2d.json"));
  ASSERT_TRUE(presets.open(QIODevice::ReadOnly));
  const QJsonArray list = QJsonDocument::fromJson(presets.readAll()).array();
  ASSERT_FALSE(list.isEmpty());
  for (const QJsonValue& p : list)
    for (const char* key : {"name", "description"}) {
      const QString text = p.toObject().value(QLatin1String(key)).toString();
      check(text, ds::ui::displayName(text));
    }
  // The lecture: every bundled lesson file's title and caption.
  int files = 0;
  for (const QString& folder : ds::ui::bundledLessonFolders()) {
    const QDir dir(folder);
    for (const QString& name : dir.entryList({QStringLiteral("*.dslesson")}, QDir::Files)) {
      QFile f(dir.filePath(name));
      ASSERT_TRUE(f.open(QIODevice::ReadOnly));
      const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
      for (const char* key : {"title", "caption"}) {
        const QString text = o.value(QLatin1String(key)).toString();
        if (!text.isEmpty()) check(text, ds::ui::lectureText(text));
      }
      ++files;
    }
    if (files > 0) break;  // the first folder that has them, as the Lecture menu does
  }
  EXPECT_GE(files, 8);
  EXPECT_TRUE(untranslated.isEmpty()) << untranslated.join(QStringLiteral(" | ")).toStdString();
  // A caption nobody translated (a user's own) is shown as written.
  EXPECT_EQ(ds::ui::lectureText(QStringLiteral("My own caption")), QStringLiteral("My own caption"));
}

TEST_F(Chinese, TheLectureCaptionIsShownInChineseAndSavedInEnglish) {
  auto w = makeWindow();
  ASSERT_FALSE(w->lectureFiles().isEmpty());
  QString error;
  ASSERT_TRUE(w->openSlide(0, &error)) << error.toStdString();
  auto* band = w->findChild<QLabel*>(QStringLiteral("lessonCaption"));
  ASSERT_NE(band, nullptr);
  EXPECT_TRUE(hasChinese(band->text())) << band->text().toStdString();
  // The file and the window keep the lecture's own (English) words.
  EXPECT_FALSE(hasChinese(w->caption()));
  EXPECT_EQ(w->currentLessonFile().caption, w->caption());
}

TEST_F(Chinese, PluralFormsUseTheNumber) {
  EXPECT_EQ(QCoreApplication::translate("ds::ui::LessonTrain", "%n drawn points", nullptr, 1),
            QStringLiteral("1 个手绘点"));
  ds::ui::installTranslators(QStringLiteral("en"));
  EXPECT_EQ(QCoreApplication::translate("ds::ui::LessonTrain", "%n drawn points", nullptr, 1),
            QStringLiteral("1 drawn point"));
  EXPECT_EQ(QCoreApplication::translate("ds::ui::LessonTrain", "%n drawn points", nullptr, 40),
            QStringLiteral("40 drawn points"));
  EXPECT_EQ(QCoreApplication::translate("QObject", "Spray %n point(s)", nullptr, 1), QStringLiteral("Spray 1 point"));
}

// core stays English; the GUI translates its device name when it shows it (the status bar, About).
TEST_F(Chinese, TheDeviceNameIsShownInChinese) {
  EXPECT_EQ(ds::ui::deviceDisplayName(QStringLiteral("CPU (1 thread)")),
            QCoreApplication::translate("ds::ui::CoreMessages", "CPU (%n thread(s))", nullptr, 1));
  const QString two = ds::ui::deviceDisplayName(QStringLiteral("CPU (2 threads)"));
  EXPECT_TRUE(hasChinese(two) && two.contains(QLatin1Char('2'))) << two.toStdString();
  // A GPU's name is a name.
  EXPECT_EQ(ds::ui::deviceDisplayName(QStringLiteral("CUDA:0 NVIDIA H200")), QStringLiteral("CUDA:0 NVIDIA H200"));
  auto w = makeWindow();
  auto* label = w->statusBar()->findChild<QLabel*>(QStringLiteral("deviceLabel"));
  ASSERT_NE(label, nullptr);
  EXPECT_TRUE(hasChinese(label->text())) << label->text().toStdString();
  EXPECT_FALSE(label->text().contains(QLatin1String("thread"))) << label->text().toStdString();
  ds::ui::installTranslators(QStringLiteral("en"));
  EXPECT_EQ(ds::ui::deviceDisplayName(QStringLiteral("CPU (2 threads)")), QStringLiteral("CPU (2 threads)"));
  EXPECT_EQ(ds::ui::deviceDisplayName(QStringLiteral("CPU (1 thread)")), QStringLiteral("CPU (1 thread)"));
}

// The core errors users meet get a Chinese lead sentence; core's English detail (the file, the
// field, the value) follows it. In English the detail alone is shown.
TEST_F(Chinese, CommonCoreErrorsGetAChineseLeadAndKeepTheEnglishDetail) {
  std::vector<std::pair<std::string, QString>> shown;  // core's what(), what the GUI shows
  const auto show = [&shown](const std::exception& e) { shown.emplace_back(e.what(), ds::ui::coreErrorMessage(e)); };
  try {
    ds::resolveModelPath("no-such-model-anywhere");
    ADD_FAILURE() << "a missing model was found";
  } catch (const std::exception& e) {
    show(e);
  }
  try {
    ds::loadFashionMnist("/nonexistent/fashion-mnist", ds::ImageSplit::Test);
    ADD_FAILURE() << "a missing data set was read";
  } catch (const std::exception& e) {
    show(e);
  }
  QTemporaryDir dir;
  QFile bad(dir.filePath(QStringLiteral("bad.ckpt")));
  ASSERT_TRUE(bad.open(QIODevice::WriteOnly));
  bad.write("not a checkpoint at all, just some bytes that are long enough to be read as a header");
  bad.close();
  try {
    ds::loadCheckpoint(bad.fileName().toStdString());
    ADD_FAILURE() << "a damaged checkpoint was loaded";
  } catch (const std::exception& e) {
    show(e);
  }
  ASSERT_EQ(shown.size(), 3u);
  for (const auto& [detail, message] : shown) {
    EXPECT_TRUE(hasChinese(message)) << message.toStdString();
    EXPECT_TRUE(message.contains(QString::fromStdString(detail))) << message.toStdString();
  }
  // A mixture spec typed into a 2-D lesson.
  ds::ui::Mixture2DDocument doc(ds::GaussianMixture::parse("1:0,0:1"));
  QString error;
  EXPECT_FALSE(doc.setMixtureSpec(QStringLiteral("0.5:x,1:0.3"), &error));
  EXPECT_TRUE(hasChinese(error) && error.contains(QLatin1String("\"x\" is not a number"))) << error.toStdString();
  EXPECT_FALSE(doc.setMixtureSpec(QStringLiteral("1:0:1"), &error));  // 1-D
  EXPECT_TRUE(hasChinese(error)) << error.toStdString();
  // A job that fails with one of them: the message the lesson and the status bar get.
  ds::ui::JobTracker tracker;
  QSignalSpy failed(&tracker, &ds::ui::JobTracker::failed);
  tracker.submit<int>(
      QStringLiteral("load"),
      [](const ds::ProgressFn&, const ds::CancelToken&) -> int {
        throw ds::ModelNotFound("fashion-mnist-x: no such file");
      },
      [](std::shared_ptr<const int>) {});
  ASSERT_TRUE(tracker.waitForIdle(10000));
  QCoreApplication::processEvents();
  ASSERT_EQ(failed.count(), 1);
  const QString jobMessage = failed.at(0).at(1).toString();
  EXPECT_TRUE(hasChinese(jobMessage) && jobMessage.contains(QLatin1String("fashion-mnist-x: no such file")))
      << jobMessage.toStdString();
  // English: core's words as they are.
  ds::ui::installTranslators(QStringLiteral("en"));
  EXPECT_EQ(ds::ui::coreErrorMessage(ds::ModelNotFound("m: no such file")), QStringLiteral("m: no such file"));
  EXPECT_EQ(ds::ui::mixtureErrorMessage(QStringLiteral("mixture spec is empty")),
            QStringLiteral("mixture spec is empty"));
}

TEST(Language, TheChoiceIsStoredAndComesBackAfterARestart) {
  QTemporaryDir dir;
  const QString ini = dir.filePath(QStringLiteral("s.ini"));
  {
    auto w = makeWindow(ini);
    QMenu* menu = menuNamed(*w, QStringLiteral("languageMenu"));
    ASSERT_NE(menu, nullptr);
    auto* system = menu->findChild<QAction*>(QStringLiteral("languageSystem"));
    auto* zh = menu->findChild<QAction*>(QStringLiteral("languageZhCN"));
    ASSERT_TRUE(system && zh);
    EXPECT_TRUE(system->isChecked());  // nothing stored yet
    zh->trigger();
    EXPECT_TRUE(zh->isChecked());
    // Not applied in place: the window says when it takes effect.
    EXPECT_TRUE(w->statusBar()->currentMessage().contains(QStringLiteral("next time")))
        << w->statusBar()->currentMessage().toStdString();
  }
  EXPECT_EQ(QSettings(ini, QSettings::IniFormat).value(QLatin1String(ds::ui::kLanguageSettingKey)).toString(),
            QStringLiteral("zh_CN"));
  EXPECT_EQ(ds::ui::storedLanguage(QSettings(ini, QSettings::IniFormat)), QStringLiteral("zh_CN"));
  {
    auto w = makeWindow(ini);
    QMenu* menu = menuNamed(*w, QStringLiteral("languageMenu"));
    ASSERT_NE(menu, nullptr);
    EXPECT_TRUE(menu->findChild<QAction*>(QStringLiteral("languageZhCN"))->isChecked());
    menu->findChild<QAction*>(QStringLiteral("languageEn"))->trigger();  // English is what runs: no restart
    EXPECT_FALSE(w->statusBar()->currentMessage().contains(QStringLiteral("next time")));
  }
  EXPECT_EQ(ds::ui::storedLanguage(QSettings(ini, QSettings::IniFormat)), QStringLiteral("en"));
  // Anything else stored (an older or a hand-edited file) means the system's language.
  QSettings(ini, QSettings::IniFormat).setValue(QLatin1String(ds::ui::kLanguageSettingKey), QStringLiteral("klingon"));
  EXPECT_EQ(ds::ui::storedLanguage(QSettings(ini, QSettings::IniFormat)), QStringLiteral("system"));
}

TEST(Language, CodesAndTheSystemDefault) {
  EXPECT_EQ(ds::ui::languageCodes(),
            (QStringList{QStringLiteral("system"), QStringLiteral("en"), QStringLiteral("zh_CN")}));
  EXPECT_FALSE(ds::ui::isValidLanguage(QStringLiteral("fr")));
  EXPECT_EQ(ds::ui::resolveLanguage(QStringLiteral("en")), QStringLiteral("en"));
  EXPECT_EQ(ds::ui::resolveLanguage(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
  const QString system = ds::ui::resolveLanguage(QStringLiteral("system"));
  EXPECT_TRUE(system == QStringLiteral("en") || system == QStringLiteral("zh_CN"));
}

TEST(LanguageCommandLine, AnUnknownLanguageIsRefusedAndAKnownOneRuns) {
  QTemporaryDir dir;
  const auto run = [&dir](const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(DS_STUDIO_EXE),
            QStringList{QStringLiteral("--settings"), dir.filePath(QStringLiteral("s.ini"))} + args);
    p.waitForFinished(120000);
    return std::make_pair(p.exitCode(), QString::fromLocal8Bit(p.readAllStandardError()));
  };
  const auto [code, err] = run({QStringLiteral("--language"), QStringLiteral("fr")});
  EXPECT_EQ(code, 2);
  EXPECT_TRUE(err.contains(QStringLiteral("--language"))) << err.toStdString();
  const QString png = dir.filePath(QStringLiteral("zh.png"));
  const auto [ok, okErr] = run({QStringLiteral("--language"), QStringLiteral("zh-cn"), QStringLiteral("--lesson"),
                                QStringLiteral("1d"), QStringLiteral("--screenshot"), png});
  EXPECT_EQ(ok, 0) << okErr.toStdString();
  EXPECT_FALSE(okErr.contains(QStringLiteral("not found"))) << okErr.toStdString();  // the .qm was found
  EXPECT_TRUE(QFile::exists(png));
}
