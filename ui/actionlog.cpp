#include "ui/actionlog.h"

#include <QAbstractButton>
#include <QAction>
#include <QActionEvent>
#include <QCoreApplication>
#include <QMouseEvent>
#include <QPointer>
#include <QThread>
#include <QToolButton>

#include <algorithm>

namespace ds::ui {

namespace {

constexpr const char* kWatchedProperty = "ds_actionLogged";

// "&Save checkpoint…" → "Save checkpoint…" (a literal "&&" stays one "&").
QString plainText(QString text) {
  text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
  text.remove(QLatin1Char('&'));
  text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
  return text.simplified();
}

QString describe(const QObject* object, const QString& text) {
  const QString plain = plainText(text);
  if (!plain.isEmpty()) return plain;
  if (!object->objectName().isEmpty()) return object->objectName();
  return QString::fromLatin1(object->metaObject()->className());
}

}  // namespace

ActionLog::ActionLog(QObject* parent) : QObject(parent) {}

ActionLog* ActionLog::instance() {
  // Owned by the application (deleted with it); a plain static before one exists (tests of core
  // code that log nothing never get here).
  static QPointer<ActionLog> log;
  if (!log) log = new ActionLog(QCoreApplication::instance());
  return log;
}

void ActionLog::watchApplication() {
  QCoreApplication* app = QCoreApplication::instance();
  if (m_watching || !app) return;
  m_watching = true;
  app->installEventFilter(this);
}

void ActionLog::record(const QString& kind, const QString& text) {
  if (thread() != QThread::currentThread()) {
    QMetaObject::invokeMethod(
        this, [this, kind, text] { record(kind, text); }, Qt::QueuedConnection);
    return;
  }
  if (!m_entries.empty() && m_entries.back().kind == kind && m_entries.back().text == text) {
    m_entries.back().when = QDateTime::currentDateTime();
    ++m_entries.back().repeats;
    Q_EMIT changed();
    return;
  }
  m_entries.push_back({QDateTime::currentDateTime(), kind, text});
  while (static_cast<int>(m_entries.size()) > kCapacity) m_entries.pop_front();
  Q_EMIT changed();
}

void ActionLog::setDetail(const QString& key, const QString& value) {
  auto it = std::find_if(m_details.begin(), m_details.end(), [&](const auto& d) { return d.first == key; });
  if (value.isEmpty()) {
    if (it == m_details.end()) return;
    m_details.erase(it);
  } else if (it == m_details.end()) {
    m_details.emplace_back(key, value);
  } else {
    if (it->second == value) return;
    it->second = value;
  }
  Q_EMIT changed();
}

void ActionLog::clear() {
  m_entries.clear();
  m_details.clear();
  Q_EMIT changed();
}

void ActionLog::watchAction(QAction* action) {
  if (!action || action->isSeparator() || action->property(kWatchedProperty).toBool()) return;
  action->setProperty(kWatchedProperty, true);
  connect(action, &QAction::triggered, this, [this, action](bool) {
    QString text = describe(action, action->text());
    if (action->isCheckable()) text = (action->isChecked() ? tr("%1 (on)") : tr("%1 (off)")).arg(text);
    record(QStringLiteral("action"), text);
  });
}

bool ActionLog::eventFilter(QObject* watched, QEvent* event) {
  switch (event->type()) {
    case QEvent::ActionAdded:
      // Every action that reaches a menu, a tool bar or a widget (for its shortcut) is watched once.
      watchAction(static_cast<QActionEvent*>(event)->action());
      break;
    case QEvent::MouseButtonRelease: {
      // Logged before the button reacts, so a click whose handler crashes is in the report. A tool
      // button that shows an action is logged by the action's trigger instead.
      auto* button = qobject_cast<QAbstractButton*>(watched);
      if (!button || !button->isEnabled()) break;
      if (auto* tool = qobject_cast<QToolButton*>(button); tool && tool->defaultAction()) break;
      const auto* mouse = static_cast<QMouseEvent*>(event);
      if (mouse->button() != Qt::LeftButton || !button->rect().contains(mouse->position().toPoint())) break;
      record(QStringLiteral("button"), describe(button, button->text()));
      break;
    }
    default:
      break;
  }
  return false;
}

}  // namespace ds::ui
