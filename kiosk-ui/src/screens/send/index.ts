import './send-screen.ts';
