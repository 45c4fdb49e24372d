import './staff-login-screen.ts';
import './deposit-screen.ts';
import './outgoing-screen.ts';
