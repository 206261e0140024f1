#pragma once
// The language of the user interface: English (the source texts) or Simplified Chinese
// (resources/translations/diffusion-studio_zh_CN.ts, compiled to a .qm by the build). The choice
// — "system" (follow the desktop's locale), "en" or "zh_CN" — is kept in the settings under
// kLanguageSettingKey, set from the Language menu (LanguageMenu) or for one run with
// `diffusion-studio --language`. Translators are installed once, before the main window is
// built; a new choice takes effect the next time the program starts (every widget reads its texts
// when it is built, so changing them in place would need a retranslate hook in each of them).
// The command-line interface stays English.

#include <QObject>
#include <QString>
#include <QStringList>

class QActionGroup;
class QMenu;
class QSettings;

namespace ds::ui {

// Where the choice lives in the settings (QSettings of the main window).
inline constexpr const char* kLanguageSettingKey = "view/language";

// "system", "en", "zh_CN": the values --language and the setting accept.
QStringList languageCodes();
bool isValidLanguage(const QString& code);

// The language a code stands for here: "system" becomes "zh_CN" when the system's UI languages put
// Chinese first, else "en".
QString resolveLanguage(const QString& code);

// Folders searched for diffusion-studio_LANG.qm, in order: <exe>/../share/diffusion-studio/translations
// (installed), then the build tree's translations folder.
QStringList translationFolders();

// Installs (replacing any installed by an earlier call) the application's and Qt's own
// translators for `code` on the running QCoreApplication, and makes its locale the default. English
// has a translation too: the plural forms of the %n texts (diffusion-studio_en.qm).
// Returns the language now shown ("en" or "zh_CN"). When the application's translation cannot be
// found or read the interface stays English and *warning (if given) says why.
QString installTranslators(const QString& code, QString* warning = nullptr);

// The language the translators installed last show ("en" before any call).
QString currentLanguage();

// The language kept in these settings ("system" when none or an unknown value is stored).
QString storedLanguage(const QSettings& settings);

// The Language menu: System Default, English, 中文. Choosing one stores it in `settings` (when
// `persist`) and says in the status bar that it takes effect after a restart.
class LanguageMenu : public QObject {
  Q_OBJECT

 public:
  // Fills `menu` (object name "languageMenu"; actions "languageSystem", "languageEn",
  // "languageZhCN"). `settings` may be null: nothing is stored.
  LanguageMenu(QMenu* menu, QSettings* settings, bool persist, QObject* parent = nullptr);

  QString choice() const { return m_choice; }  // the checked entry's code
  void choose(const QString& code);            // as if the user picked it

 Q_SIGNALS:
  void statusMessage(const QString& text);

 private:
  void showChoice();

  QMenu* m_menu = nullptr;
  QSettings* m_settings = nullptr;
  bool m_persist = false;
  QActionGroup* m_group = nullptr;
  QString m_choice;
};

}  // namespace ds::ui
