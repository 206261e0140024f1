#include "ui/language.h"

#include <QAction>
#include <QActionGroup>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QSettings>
#include <QTranslator>

#include <memory>

namespace ds::ui {

namespace {

// The translators installApplicationTranslators put up last; owned by the application object.
QTranslator* g_appTranslator = nullptr;
QTranslator* g_qtTranslator = nullptr;
QString g_current = QStringLiteral("en");

void removeTranslators() {
  for (QTranslator** t : {&g_appTranslator, &g_qtTranslator}) {
    if (!*t) continue;
    QCoreApplication::removeTranslator(*t);
    delete *t;
    *t = nullptr;
  }
}

QString languageName(const QString& lang) {
  // Each language in its own words, so that it can be found whatever the interface shows now.
  return lang == QLatin1String("zh_CN") ? QStringLiteral("中文") : QStringLiteral("English");
}

}  // namespace

QStringList languageCodes() { return {QStringLiteral("system"), QStringLiteral("en"), QStringLiteral("zh_CN")}; }

bool isValidLanguage(const QString& code) { return languageCodes().contains(code); }

QString resolveLanguage(const QString& code) {
  if (code != QLatin1String("system")) return code == QLatin1String("zh_CN") ? code : QStringLiteral("en");
  // The first of the desktop's preferred languages decides (LANGUAGE, then LC_ALL/LC_MESSAGES/LANG on
  // Linux). Any Chinese gets the Simplified Chinese translation, the only one there is.
  const QStringList ui = QLocale::system().uiLanguages();
  return !ui.isEmpty() && ui.first().startsWith(QLatin1String("zh")) ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

QStringList translationFolders() {
  QStringList folders;
  const QString exe = QCoreApplication::applicationDirPath();
  if (!exe.isEmpty())
    folders << QDir::cleanPath(QDir(exe).absoluteFilePath(QStringLiteral("../share/diffusion-studio/translations")));
#ifdef DS_TRANSLATIONS_DIR
  folders << QStringLiteral(DS_TRANSLATIONS_DIR);
#endif
  return folders;
}

QString installTranslators(const QString& code, QString* warning) {
  if (warning) warning->clear();
  removeTranslators();
  QString lang = resolveLanguage(code);
  // Ours: every text for Chinese; for English only the plural forms of the %n texts ("1 point").
  QStringList tried;
  auto translator = std::make_unique<QTranslator>(QCoreApplication::instance());
  const auto load = [&translator, &tried](const QString& language) {
    const QString base = QStringLiteral("diffusion-studio_") + language;
    for (const QString& folder : translationFolders()) {
      tried << QDir::toNativeSeparators(QDir(folder).filePath(base + QStringLiteral(".qm")));
      if (translator->load(base, folder)) return true;
    }
    return false;
  };
  bool loaded = load(lang);
  if (!loaded && lang != QLatin1String("en")) {
    if (warning)
      *warning = QStringLiteral("the %1 translation was not found (looked for %2); the interface stays English")
                     .arg(lang, tried.join(QStringLiteral(", ")));
    lang = QStringLiteral("en");
    loaded = load(lang);
  }
  if (loaded) {
    QCoreApplication::installTranslator(translator.get());
    g_appTranslator = translator.release();
  }
  g_current = lang;
  if (lang == QLatin1String("en")) {
    // English asked for by name: numbers and Qt's own texts in English too, whatever the system's.
    if (code == QLatin1String("en")) QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    return g_current;
  }

  // Qt's own texts (the buttons of message boxes and file dialogs, the context menus of text fields):
  // Debian's qt6-translations-l10n. Without it those stay English; ours still apply.
  auto qt = std::make_unique<QTranslator>(QCoreApplication::instance());
  if (qt->load(QStringLiteral("qtbase_") + lang, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QCoreApplication::installTranslator(qt.get());
    g_qtTranslator = qt.release();
  }
  QLocale::setDefault(QLocale(lang));
  return g_current;
}

QString currentLanguage() { return g_current; }

QString storedLanguage(const QSettings& settings) {
  const QString code = settings.value(QLatin1String(kLanguageSettingKey)).toString();
  return isValidLanguage(code) ? code : QStringLiteral("system");
}

LanguageMenu::LanguageMenu(QMenu* menu, QSettings* settings, bool persist, QObject* parent)
    : QObject(parent), m_menu(menu), m_settings(settings), m_persist(persist) {
  m_choice = m_settings && m_persist ? storedLanguage(*m_settings) : QStringLiteral("system");
  menu->setObjectName(QStringLiteral("languageMenu"));
  menu->setToolTipsVisible(true);
  m_group = new QActionGroup(this);
  m_group->setExclusive(true);
  const struct {
    const char* objectName;
    QString code;
    QString text;
    QString toolTip;
  } entries[] = {
      {"languageSystem", QStringLiteral("system"), tr("&System Default"),
       tr("The desktop's language: Chinese when it is Chinese, else English (now: %1)")
           .arg(languageName(resolveLanguage(QStringLiteral("system"))))},
      {"languageEn", QStringLiteral("en"), QStringLiteral("&English"), tr("English")},
      {"languageZhCN", QStringLiteral("zh_CN"), QStringLiteral("中文 (&Z)"), tr("Simplified Chinese")},
  };
  for (const auto& e : entries) {
    auto* action = new QAction(e.text, menu);  // the menu's child: found under it by objectName
    action->setObjectName(QLatin1String(e.objectName));
    action->setCheckable(true);
    action->setData(e.code);
    action->setToolTip(e.toolTip);
    m_group->addAction(action);
    menu->addAction(action);
  }
  menu->addSeparator();
  auto* note = menu->addAction(tr("A new choice takes effect after a restart"));
  note->setObjectName(QStringLiteral("languageNote"));
  note->setEnabled(false);
  connect(m_group, &QActionGroup::triggered, this, [this](QAction* action) { choose(action->data().toString()); });
  showChoice();
}

void LanguageMenu::choose(const QString& code) {
  if (!isValidLanguage(code)) return;
  m_choice = code;
  if (m_settings && m_persist) {
    m_settings->setValue(QLatin1String(kLanguageSettingKey), code);
    m_settings->sync();
  }
  showChoice();
  const QString name = code == QLatin1String("system")
                           ? tr("the system default (%1)").arg(languageName(resolveLanguage(code)))
                           : languageName(code);
  if (resolveLanguage(code) == currentLanguage()) Q_EMIT statusMessage(tr("Language: %1").arg(name));
  else Q_EMIT statusMessage(tr("Language: %1. It takes effect the next time Diffusion Studio starts.").arg(name));
}

void LanguageMenu::showChoice() {
  for (QAction* action : m_group->actions()) action->setChecked(action->data().toString() == m_choice);
}

}  // namespace ds::ui
