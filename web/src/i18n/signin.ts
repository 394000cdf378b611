import { defineMessages } from './define';

export const signin = defineMessages({
  en: {
    title: 'Sign in',
    intro: 'Choose a demo account. Locally, the development issuer signs a token for it.',
    cognito: 'Sign in with your company account',
    role_employee: 'Employee',
    role_hr_admin: 'HR admin',
    role_partner: 'Fulfilment partner',
    role_platform_admin: 'Platform operator',
    as: 'Sign in as {name}',
    noRole: 'This account has no role on the platform.',
  },
  tr: {
    title: 'Giriş yap',
    intro: 'Bir demo hesabı seçin. Yerelde geliştirme imzalayıcısı bunun için bir jeton imzalar.',
    cognito: 'Şirket hesabınızla giriş yapın',
    role_employee: 'Çalışan',
    role_hr_admin: 'İK yöneticisi',
    role_partner: 'Gönderim ortağı',
    role_platform_admin: 'Platform operatörü',
    as: '{name} olarak giriş yap',
    noRole: 'Bu hesabın platformda bir rolü yok.',
  },
  fa: {
    title: 'ورود',
    intro: 'یک حساب نمایشی انتخاب کنید. در محیط محلی، صادرکنندهٔ توسعه برای آن توکن امضا می‌کند.',
    cognito: 'با حساب شرکت خود وارد شوید',
    role_employee: 'کارمند',
    role_hr_admin: 'مدیر منابع انسانی',
    role_partner: 'شریک ارسال',
    role_platform_admin: 'گردانندهٔ پلتفرم',
    as: 'ورود به عنوان {name}',
    noRole: 'این حساب نقشی در پلتفرم ندارد.',
  },
});
