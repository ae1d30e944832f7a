import { featureStrings } from '../../lib/i18n';

const zh = {
  todos: {
    title: '待办',
    empty: '暂无待办事项',
    open: '去处理',
    noPage: '请在相应业务中处理',
  },
};

const en: typeof zh = {
  todos: {
    title: 'To-dos',
    empty: 'Nothing is waiting for you',
    open: 'Open',
    noPage: 'Handled in its own workflow',
  },
};

featureStrings(zh, en);
